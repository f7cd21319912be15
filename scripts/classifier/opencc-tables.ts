import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Character tables taken from opencc-js's dictionaries at training time and baked into the model
 * header, so the run-time classifier needs neither opencc-js nor its 1 MB phrase dictionary.
 * Dictionary files are `export default "a b c|d e|…"`: entries separated by |, each entry a key
 * followed by its candidate conversions.
 */
function readDict(name: string): string[][] {
  const path = fileURLToPath(import.meta.resolve(`opencc-js/dict/${name}`));
  const src = readFileSync(path, 'utf8');
  const m = /export default "([^"]*)"/.exec(src);
  if (m === null) throw new Error(`unexpected opencc dictionary format in ${path}`);
  return (m[1] as string).split('|').map((e) => e.split(' '));
}

const isBmpChar = (s: string | undefined): s is string => s !== undefined && s.length === 1;

export interface CharTables {
  t2s: string;
  tradOnly: string;
  simpOnly: string;
}

export function buildOpenccTables(): CharTables {
  const ts = readDict('TSCharacters');
  const st = readDict('STCharacters');
  const t2s = new Map<string, string>();
  const trad = new Set<string>();
  for (const [from, ...to] of ts) {
    if (!isBmpChar(from)) continue;
    const first = to[0];
    if (isBmpChar(first) && first !== from) t2s.set(from, first);
    // A traditional character that is never its own simplified form is evidence of zh-Hant.
    if (!to.includes(from)) trad.add(from);
  }
  // Taiwan variant spellings (裡, 着/著…) that TSCharacters does not list: variant → standard
  // traditional → simplified. Skip keys that are themselves simplified characters (么, 台…).
  const simplifiedForms = new Set<string>([...t2s.values()]);
  for (const [from, ...to] of readDict('TWVariantsRev')) {
    const standard = to[0];
    if (!isBmpChar(from) || !isBmpChar(standard) || t2s.has(from) || simplifiedForms.has(from)) continue;
    const simp = t2s.get(standard);
    if (simp !== undefined) t2s.set(from, simp);
  }
  const simp = new Set<string>();
  for (const [from, ...to] of st) {
    if (isBmpChar(from) && !to.includes(from) && !trad.has(from)) simp.add(from);
  }
  const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
  return {
    t2s: sorted(t2s.keys())
      .map((k) => k + (t2s.get(k) as string))
      .join(''),
    tradOnly: sorted(trad).join(''),
    simpOnly: sorted(simp).join(''),
  };
}
