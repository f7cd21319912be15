import * as OpenCC from 'opencc-js/cn2t';

const toTaiwan = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toHongKong = OpenCC.Converter({ from: 'cn', to: 'hk' });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The Postgres regular expressions (ARE, matched against the lower-cased body) that find a watch
 * term as customers write it: its traditional spellings too (媒体 → 媒體), Latin words and phrases
 * only as whole words (`sue` is not in "issue"), numbers only as whole numbers (315 is not in a
 * price of 3150, and 12315 is a term of its own).
 */
export function termPatterns(term: string): string[] {
  const lower = term.toLowerCase();
  const spellings = [...new Set([lower, toTaiwan(lower), toHongKong(lower)])];
  return spellings.map((spelling) => {
    if (/^\d+$/.test(spelling)) return `(^|[^0-9])${spelling}([^0-9]|$)`;
    const body = escape(spelling);
    const start = /^[a-z0-9]/.test(spelling) ? '\\m' : '';
    const end = /[a-z0-9]$/.test(spelling) ? '\\M' : '';
    return `${start}${body}${end}`;
  });
}
