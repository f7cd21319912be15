// The pages' strings: `export default { en: {...}, 'zh-CN': {...} }` per page, looked up here.
// A key missing in Chinese falls back to English, and a missing key shows as itself (visible in
// review, never an empty label).

export const LOCALES = ['en', 'zh-CN'];

/** `t(key, vars)` over one page's table for `locale`; `{name}` in a string is replaced by `vars.name`. */
export function translator(table, locale) {
  const strings = table[locale] ?? table.en;
  return (key, vars = {}) => {
    const text = strings[key] ?? table.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  };
}
