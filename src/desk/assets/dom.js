// Building the page. Every value from the API reaches the page through el(), which only ever
// creates elements and text nodes: data is never parsed as HTML, so it can never become markup.

export const byId = (id) => document.getElementById(id);

/** Creates an element; strings become text nodes, so data can never become markup. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'value') node.value = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** A <select> of `[value, text]` pairs with `current` selected. */
export function select(name, options, current, props = {}) {
  return el(
    'select',
    { name, id: name, ...props },
    options.map(([value, text]) => el('option', { value, selected: value === current, text })),
  );
}

/** Replaces the screen: one screen at a time lives in <main id="app">. */
export function mount(...nodes) {
  byId('app').replaceChildren(...nodes);
}

/** Replaces a node's children, leaving out the absent ones (null, undefined, false). */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
}
