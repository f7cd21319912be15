import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Model } from '../../src/modules/classification/model.ts';

/** Writes header JSON + weights binary (little-endian float32; every supported platform is LE). */
export function writeModel(headerPath: string, model: Model): { headerBytes: number; weightsBytes: number } {
  const dir = dirname(headerPath);
  mkdirSync(dir, { recursive: true });
  const weightsFile = basename(headerPath).replace(/\.json$/, '') + '.bin';
  const bytes = new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength);
  const header = { ...model.header, weightsFile, weightsSha256: createHash('sha256').update(bytes).digest('hex') };
  const json = JSON.stringify(header, null, 1) + '\n';
  writeFileSync(join(dir, weightsFile), bytes);
  writeFileSync(headerPath, json);
  return { headerBytes: Buffer.byteLength(json), weightsBytes: bytes.byteLength };
}
