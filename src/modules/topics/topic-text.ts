import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** Topics come from the start of a message: long emails repeat themselves, and the cost stays bounded. */
export const MAX_TOPIC_TEXT = 2_000;

/**
 * What is never a topic and must not be stored as one (personal data): links, e-mail addresses
 * and runs of seven digits or more (phone, order and card numbers). Blanked to spaces of the same length, so
 * offsets into the text still point at what the customer wrote.
 */
const PERSONAL = /https?:\/\/[\x21-\x7e]+|www\.[\x21-\x7e]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|\+?\d[\d -]{3,}\d/g;
/** 7+ digits, with or without separators (138 0013 8000, order numbers): numbers, not model names or hotlines (12315). */
const isPersonalNumber = (match: string) => match.replace(/\D/g, '').length >= 7;

export interface PreparedText {
  /** NFKC, personal data blanked: what labels are cut from (the customer's own script and case). */
  written: string;
  /** The same, traditional folded to simplified: what is segmented and keyed. */
  simplified: string;
  /** `simplified` lower-cased: the sentiment lexicon's input. */
  lower: string;
  /** Whether `written` and `simplified` line up character for character (almost always: OpenCC maps most phrases to phrases of the same length). */
  aligned: boolean;
}

export function prepareText(text: string): PreparedText {
  const written = text
    .slice(0, MAX_TOPIC_TEXT)
    .normalize('NFKC')
    .replace(PERSONAL, (match) => (/^[+\d]/.test(match) && !isPersonalNumber(match) ? match : ' '.repeat(match.length)));
  const simplified = toSimplified(written);
  return { written, simplified, lower: simplified.toLowerCase(), aligned: simplified.length === written.length };
}
