/**
 * npm run train:classifier [-- --corrections FILE] [-- --out PATH]
 *
 * Reads the public labeled data in ../shared/datasets (training-allowed sources only), the
 * project's own examples in training-data/, and optionally agent corrections; writes the model
 * artifact (header JSON + weights .bin). Deterministic: same inputs and seed → same bytes.
 */
import { parseArgs } from 'node:util';
import { buildDataset } from './dataset.ts';
import { writeModel } from './artifact.ts';
import { buildOpenccTables } from './opencc-tables.ts';
import { DATASETS_DIR, DEFAULT_MODEL_PATH, TRAINING_DATA_DIR } from './paths.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from './trainer.ts';
import { DATASET_DEFAULTS } from './train-config.ts';


function main(): void {
  const { values } = parseArgs({
    options: {
      corrections: { type: 'string' },
      out: { type: 'string' },
      'model-version': { type: 'string' },
    },
  });
  const started = Date.now();
  const dataset = buildDataset({
    datasetsDir: DATASETS_DIR,
    trainingDataDir: TRAINING_DATA_DIR,
    ...DATASET_DEFAULTS,
    ...(values.corrections !== undefined ? { correctionsFile: values.corrections } : {}),
  });
  console.log(`training examples: ${dataset.examples.length}`);
  for (const [source, counts] of Object.entries(dataset.summary)) console.log(`  ${source.padEnd(20)} ${JSON.stringify(counts)}`);
  const opts = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(values['model-version'] !== undefined ? { modelVersion: values['model-version'] } : {}),
    log: (l: string) => console.log(l),
  };
  const model = trainModel(dataset.examples, buildOpenccTables(), opts, {
    sources: dataset.summary,
    capPerGroup: DATASET_DEFAULTS.capPerGroup,
    corrections: values.corrections !== undefined,
  });
  const out = values.out ?? DEFAULT_MODEL_PATH;
  const size = writeModel(out, model);
  console.log(`wrote ${out} (${size.headerBytes} + ${size.weightsBytes} bytes) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main();
