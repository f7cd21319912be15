import fc from 'fast-check';

/** `１２３` for `123`, `ｏｐｅｎ` for `open`: what a phone keyboard in CJK mode types. */
export const fullWidth = (value: string) => value.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** Characters that have broken services before: controls, marks, surrogates, look-alikes. */
export const ODD_CHARACTERS = [
  '\u0000', // NUL: Postgres text cannot hold it
  '\u200f', // RIGHT-TO-LEFT MARK
  '\u202e', // RIGHT-TO-LEFT OVERRIDE
  '\u200b', // ZERO WIDTH SPACE
  '\ufeff', // BOM
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u0301', // combining accent with nothing to combine with
  '😀', // astral: two UTF-16 units, one code point
  '👩‍👩‍👧‍👦', // one grapheme, seven code points
  '\u3000', // IDEOGRAPHIC SPACE
  '\r\n',
  '\t',
  '١٢٣', // Arabic-Indic digits
  '１２３', // full-width digits
  '%00',
  "'; DROP TABLE tickets; --",
  '{{7*7}}',
  '<script>alert(1)</script>',
] as const;

/** Text with odd characters mixed in, optionally right at (or just past) a length limit. */
export function oddString(maxLength = 200): fc.Arbitrary<string> {
  const odd = fc.constantFrom(...ODD_CHARACTERS);
  const mixed = fc.array(fc.oneof(odd, fc.constantFrom('a', '中', ' ', '1')), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
  const nearLimit = fc
    .tuple(fc.constantFrom('😀', 'é', 'a', '中', '\u0301'), fc.integer({ min: -1, max: 0 }))
    .map(([unit, delta]) => unit.repeat(Math.max(1, maxLength + delta)));
  return fc.oneof({ weight: 3, arbitrary: mixed }, { weight: 1, arbitrary: nearLimit });
}
