/**
 * The placeholders a macro's reply may carry, and nothing else: `{{customer.name}}`,
 * `{{ticket.number}}`, `{{agent.name}}` (spaces inside the braces allowed). A deliberately tiny
 * template: no expressions, no loops, no HTML. Values are inserted as plain text in one pass, so
 * a customer called `{{agent.name}}` stays that text, and nothing a value holds is interpreted.
 */
export const PLACEHOLDERS = ['customer.name', 'ticket.number', 'agent.name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | number | null>>;

/** `{{ name }}` where name is dotted words; `{{` without a closing pair is just text. */
const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/** The placeholders in `text` that are not known (each once, in order of appearance). */
export function unknownPlaceholders(text: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name!)) unknown.add(name!);
  }
  return [...unknown];
}

/**
 * Fills the placeholders. A missing value (a customer without a name, a key acting for no agent)
 * becomes empty text, and the space or full-width comma it leaves doubled is tidied, so "您好
 * {{customer.name}}，" reads "您好，" rather than showing a raw placeholder or "null".
 */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  let emptied = false;
  const out = text.replace(PLACEHOLDER, (match, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) return match; // refused at save time; never guessed
    const value = values[name as Placeholder];
    if (value === null || value === undefined || String(value).trim() === '') {
      emptied = true;
      return '';
    }
    return String(value);
  });
  return emptied ? out.replace(/[ \t]{2,}/g, ' ').replace(/[ \t]+([,，.。!！?？])/g, '$1') : out;
}
