import { fileURLToPath } from 'node:url';

/** Repository-relative locations; the datasets live beside the clone in ../shared/datasets. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATASETS_DIR = process.env.CLASSIFIER_DATASETS_DIR ?? fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
export const TRAINING_DATA_DIR = fileURLToPath(new URL('../../training-data/', import.meta.url));
export const MODEL_DIR = fileURLToPath(new URL('../../src/modules/classification/model/', import.meta.url));
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../src/modules/classification/model/classifier-v1.json', import.meta.url));
export const GOLD_DEV_PATH = fileURLToPath(new URL('gold-dev.jsonl', `file://${DATASETS_DIR.endsWith('/') ? DATASETS_DIR : `${DATASETS_DIR}/`}`));
