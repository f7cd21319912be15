/**
 * Minimal RFC 4180 reader: quoted fields may contain the delimiter, doubled quotes and line
 * breaks (MSGABench letters and SemEval sentences do). Handles LF and CRLF, strips a leading BOM.
 * Unquoted fields are taken as-is (ATEC's TSV has stray quotes inside fields: pass
 * `quotes: false` for such files).
 */
export function parseDelimited(text: string, options: { delimiter?: string; quotes?: boolean } = {}): string[][] {
  const delimiter = options.delimiter ?? ',';
  const quotes = options.quotes ?? true;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = src.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = src[i] as string;
    if (quotes && atFieldStart && ch === '"') {
      // Quoted field: read up to the closing quote; "" is an escaped quote.
      i++;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field at offset ${i}`);
        field += src.slice(i, q);
        if (src[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    // Ordinary characters: take the whole run up to the next delimiter or line break at once.
    let j = i + 1;
    while (j < n) {
      const c = src[j];
      if (c === delimiter || c === '\n' || c === '\r') break;
      j++;
    }
    field += src.slice(i, j);
    atFieldStart = false;
    i = j;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
