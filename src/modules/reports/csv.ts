/**
 * RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, a quote, CR or LF (quotes
 * doubled). Text that a spreadsheet would run as a formula (starting with = + - @, a tab or CR) is
 * prefixed with `'` (OWASP's advice on CSV injection); numbers are written as they are.
 * Fifteen lines do not need a dependency.
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
