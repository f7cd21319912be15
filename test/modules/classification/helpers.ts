import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_URL } from '../../../src/modules/classification/classifier.ts';
import { readModel } from '../../../src/modules/classification/model.ts';
import { buildTables, type Tables } from '../../../src/modules/classification/pipeline.ts';

/** Character tables from the shipped artifact (built once per test file). */
let cached: Tables | undefined;
export function tables(): Tables {
  cached ??= buildTables(readModel(fileURLToPath(DEFAULT_MODEL_URL)).header);
  return cached;
}
