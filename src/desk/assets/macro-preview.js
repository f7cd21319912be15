// What applying a macro would do, before it is applied: its reply with the placeholders filled as
// the server fills them (modules/macros/macro-template.ts: plain text, one pass, a missing value
// left empty and the gap tidied) in the language the server would choose, and its actions in words.
import { MACRO_LANGUAGES, MACRO_PLACEHOLDERS } from './constants.js';
import { label } from './format.js';
import { t } from './i18n.js';

const PLACEHOLDER = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/**
 * The server's template, for a preview only (the server renders what is sent). `values` is nested
 * (`{ customer: { name } }`); only the placeholders the server knows are filled.
 */
export function renderTemplate(text, values) {
  let emptied = false;
  const out = text.replace(PLACEHOLDER, (match, name) => {
    if (!MACRO_PLACEHOLDERS.includes(name)) return match;
    const value = name.split('.').reduce((at, part) => at?.[part], values);
    if (value === null || value === undefined || String(value).trim() === '') {
      emptied = true;
      return '';
    }
    return String(value);
  });
  return emptied ? out.replace(/[ \t]{2,}/g, ' ').replace(/[ \t]+([,，.。!！?？])/g, '$1') : out;
}

/**
 * The reply's language as the server picks it (macros.service.ts pickLanguage): the ticket's, then
 * the other script of Chinese, then Chinese for anything else (English falls back to Chinese too).
 */
export function macroLanguage(macro, ticketLanguage) {
  if (!macro.reply) return null;
  const chinese = (l) => l.startsWith('zh');
  const wanted = MACRO_LANGUAGES.includes(ticketLanguage) ? ticketLanguage : null;
  const order = [...new Set([wanted, ...MACRO_LANGUAGES.filter((l) => wanted && chinese(l) === chinese(wanted)), ...MACRO_LANGUAGES.filter(chinese), ...MACRO_LANGUAGES])];
  return order.find((language) => language && macro.reply[language] !== undefined) ?? null;
}

/** The macro's changes besides the reply, as phrases ("Status → Solved", "add tags vip"). */
export function macroActionWords(macro) {
  const words = [];
  if (macro.status) words.push(t('macros.sets', { field: t('fields.status'), value: label('status', macro.status) }));
  if (macro.priority) words.push(t('macros.sets', { field: t('fields.priority'), value: label('priority', macro.priority) }));
  if (macro.addTags?.length) words.push(t('macros.addTags', { tags: macro.addTags.join(', ') }));
  if (macro.removeTags?.length) words.push(t('macros.removeTags', { tags: macro.removeTags.join(', ') }));
  return words;
}
