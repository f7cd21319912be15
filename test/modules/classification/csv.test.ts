import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../scripts/classifier/csv.ts';

describe('parseDelimited (training-data CSV reader)', () => {
  it('handles quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseDelimited('a,b\n"x, y","he said ""hi""\nthen left"\r\nz,\n');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', 'he said "hi"\nthen left'],
      ['z', ''],
    ]);
  });

  it('strips a BOM and reads TSV without quote handling', () => {
    expect(parseDelimited('\ufeff1\t"a\tb', { delimiter: '\t', quotes: false })).toEqual([['1', '"a', 'b']]);
  });
});
