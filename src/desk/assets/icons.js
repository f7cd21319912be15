// Small line icons drawn as SVG (emoji fonts differ between machines and may be missing).
// Decorative unless given a label: then role=img with that label, so the state is also read out.
const SVG = 'http://www.w3.org/2000/svg';

const PATHS = {
  clock: 'M12 7v5l3 2M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18z',
  warning: 'M12 4L2.5 20h19L12 4zM12 10v4.5M12 17.2v.3',
  breached: 'M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18zM8.5 8.5l7 7M15.5 8.5l-7 7',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  pause: 'M9 6v12M15 6v12',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9c-2.5-2.5-3.5-5.5-3.5-9s1-6.5 3.5-9z',
  keyboard: 'M3 7h18v10H3zM7 10h.01M10 10h.01M13 10h.01M16 10h.01M8 14h8',
  flag: 'M6 21V4M6 4h11l-2 4l2 4H6',
};

export function icon(name, labelText) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', `icon icon-${name}`);
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  if (labelText) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', labelText);
    const title = document.createElementNS(SVG, 'title');
    title.textContent = labelText;
    svg.append(title);
  } else svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.append(path);
  return svg;
}
