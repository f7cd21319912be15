import { readModel } from '../../src/modules/classification/model.ts';
import { buildTables, createFeaturizer } from '../../src/modules/classification/pipeline.ts';
const m = readModel('src/modules/classification/model/classifier-v1.json');
const t = buildTables(m.header);
const fz = createFeaturizer(t.chars, m.header.hashBits, m.header.maxChars);
console.log('bias', [...m.weights.slice(0, 4)].map((x) => x.toFixed(2)).join(' '));
for (const text of process.argv.slice(2)) {
  const f = fz.featurize(text);
  const rows: string[] = [];
  for (let j = 0; j < f.n; j++) {
    const b = 4 + f.idx[j]! * 4;
    rows.push([...m.weights.slice(b, b + 4)].map((x) => x.toFixed(1).padStart(5)).join(' '));
  }
  console.log(text, 'n=', f.n, '\n  ' + rows.join('\n  '));
}
