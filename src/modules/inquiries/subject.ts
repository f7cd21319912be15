/** Social posts have no subject: the first line of the body, cut at a word or character boundary. */
export function subjectFromBody(body: string, max = 80): string {
  const firstLine = body.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  const chars = Array.from(firstLine);
  if (chars.length <= max) return firstLine || '(no subject)';
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
