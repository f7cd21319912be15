import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The model artifact: a small JSON header (version, hyper-parameters, calibration, the character
 * tables) plus a binary file of little-endian float32 weights. Binary because JSON-encoding a
 * million floats would make the artifact 3× larger and the start-up parse ~10× slower.
 *
 * Weights layout: K biases, then 2^hashBits rows of K class weights (row-major, so the K weights
 * of one feature are adjacent in memory: one cache line per feature at scoring time).
 */

export const MODEL_FORMAT = 'tc-hashed-logreg/1';

export interface ModelHeader {
  format: typeof MODEL_FORMAT;
  modelVersion: string;
  /** Internal classes; the first three are the public types, in INQUIRY_TYPES order. */
  classes: string[];
  hashBits: number;
  /** Softmax temperature fitted on a held-out slice of the training data. */
  temperature: number;
  defaultReviewThreshold: number;
  /** Texts are truncated to this many UTF-16 code units before classification (bounds latency). */
  maxChars: number;
  weightsFile: string;
  weightsSha256: string;
  /** Alternating traditional/simplified characters (OpenCC TSCharacters, BMP only). */
  t2s: string;
  /** Characters found only in traditional / only in simplified text (language detection). */
  tradOnly: string;
  simpOnly: string;
  /** Free-form training summary (sources, counts, seed); not read at run time. */
  training: Record<string, unknown>;
}

export interface Model {
  header: ModelHeader;
  /** K biases followed by 2^hashBits × K weights. */
  weights: Float32Array;
}

export function readModel(headerPath: string): Model {
  const header = JSON.parse(readFileSync(headerPath, 'utf8')) as ModelHeader;
  if (header.format !== MODEL_FORMAT) {
    throw new Error(`unsupported classifier model format ${String(header.format)} in ${headerPath}`);
  }
  const bin = readFileSync(join(dirname(headerPath), header.weightsFile));
  const k = header.classes.length;
  const expected = (k + (1 << header.hashBits) * k) * 4;
  if (bin.byteLength !== expected) {
    throw new Error(`classifier weights ${header.weightsFile}: ${bin.byteLength} bytes, expected ${expected}`);
  }
  // Copy into a fresh, 4-byte aligned buffer (a Buffer may sit at any offset of a shared pool).
  const weights = new Float32Array(expected / 4);
  new Uint8Array(weights.buffer).set(bin);
  return { header, weights };
}

/**
 * Raw class scores (logits) for one feature vector. `idx[0..n)` are bucket indices, all with
 * value `scale`. Shared by the trainer and the run-time classifier so both score identically.
 */
export function logits(weights: Float32Array, k: number, idx: Int32Array, n: number, scale: number, out: Float64Array): void {
  for (let c = 0; c < k; c++) out[c] = 0;
  for (let j = 0; j < n; j++) {
    const base = k + (idx[j] as number) * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (weights[base + c] as number);
  }
  for (let c = 0; c < k; c++) out[c] = (weights[c] as number) + (out[c] as number) * scale;
}

/** In-place softmax of `z / temperature`. */
export function softmax(z: Float64Array, k: number, temperature: number): void {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, (z[c] as number) / temperature);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp((z[c] as number) / temperature - max);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) z[c] = (z[c] as number) / sum;
}

/** Feature scale: ≈ L2 normalisation of a binary vector with n active features. */
export function featureScale(n: number): number {
  return n > 0 ? 1 / Math.sqrt(n) : 0;
}
