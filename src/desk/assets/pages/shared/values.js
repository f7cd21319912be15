// Words for the values reports and alerts carry (ticket types, channels): the shell's own words
// (strings/*.js `type.*`, `channel.*`), so a value reads the same on every screen and the enum is
// never copied here (constants.js is the one list).
import { has, t } from '../../i18n.js';

/** `word(value)` in the chosen language (the shell's current one): a known value's words, anything else as it is. */
export function valueWords() {
  return (value) => {
    const v = String(value);
    for (const kind of ['type', 'channel']) if (has(`${kind}.${v}`)) return t(`${kind}.${v}`);
    if (v === 'unclassified') return t('ticket.unclassified');
    return v;
  };
}
