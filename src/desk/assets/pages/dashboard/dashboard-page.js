// Placeholder until the Dashboard page lands (another branch brings it): the router loads this
// module on demand; it shows a heading so the deep link and the role check can be tried.
export function mount(root, ctx) {
  const h1 = document.createElement('h1');
  h1.tabIndex = -1;
  h1.textContent = ctx.t('nav.dashboard');
  root.replaceChildren(h1);
}
