import { buildDataset } from './dataset.ts';
import { buildOpenccTables } from './opencc-tables.ts';
import { DATASETS_DIR, TRAINING_DATA_DIR } from './paths.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from './trainer.ts';
import { DATASET_DEFAULTS } from './train-config.ts';
import { cueIds } from '../../src/modules/classification/cues.ts';
import { hashString } from '../../src/modules/classification/features.ts';
const d = buildDataset({ datasetsDir: DATASETS_DIR, trainingDataDir: TRAINING_DATA_DIR, ...DATASET_DEFAULTS, sourceBoost: { own: 3, "own-hand": 6 } });
const m = trainModel(d.examples, buildOpenccTables(), { ...DEFAULT_TRAIN_OPTIONS, epochs: 3 });
console.log('bias', [...m.weights.slice(0, 4)].map((x) => x.toFixed(2)).join(' '));
for (const id of cueIds()) {
  const b = 4 + ((hashString(0x5bd1e995, id) >>> (32 - m.header.hashBits)) * 4);
  console.log(id.padEnd(22), [...m.weights.slice(b, b + 4)].map((x) => x.toFixed(2).padStart(6)).join(' '));
}
