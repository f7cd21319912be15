import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../src/modules/reports/csv.ts';
import { negotiate } from '../../../src/http/accepts-json.ts';

describe('CSV writer', () => {
  it('quotes what needs quotes, doubles quotes, writes CRLF rows', () => {
    expect(toCsv(['a', 'b'], [['x, y', 'say "hi"'], ['line\nbreak', 3.5], [null, true]])).toBe('a,b\r\n"x, y","say ""hi"""\r\n"line\nbreak",3.5\r\n,true\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('张三')).toBe('张三');
  });
});

describe('content negotiation', () => {
  it.each([
    [undefined, 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv'],
    ['text/*', 'text/csv'],
    ['text/csv, */*;q=0.8', 'text/csv'],
    ['text/csv, */*', 'text/csv'],
    ['text/csv, application/json', 'application/json'],
    ['text/csv;q=0.5, application/json', 'application/json'],
    ['application/json;q=0.1, text/csv', 'text/csv'],
    ['text/html', null],
    ['text/csv;q=0', null],
  ])('%s → %s', (accept, expected) => expect(negotiate(accept, ['text/csv'])).toBe(expected));

  it('JSON only where a route declares nothing else', () => {
    expect(negotiate('text/csv', [])).toBeNull();
  });
});
