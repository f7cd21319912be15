import { buildCharTable, normalizeWith, type CharTable } from './normalize.ts';
import { buildScriptTable, type ScriptTable } from './language.ts';
import { createFeatureScratch, extractFeatures } from './features.ts';
import { matchCues } from './cues.ts';
import type { ModelHeader } from './model.ts';

/**
 * Text → feature vector, shared by the trainer and the run-time classifier so that both see
 * exactly the same features. Each Featurizer owns its scratch buffers: one per classifier
 * instance, nothing shared between instances.
 */

export interface Tables {
  chars: CharTable;
  scripts: ScriptTable;
}

export function buildTables(header: Pick<ModelHeader, 't2s' | 'tradOnly' | 'simpOnly'>): Tables {
  return { chars: buildCharTable(header.t2s), scripts: buildScriptTable(header.tradOnly, header.simpOnly) };
}

export interface Featurized {
  /** Normalised text (same length as the truncated input). */
  norm: string;
  /** Bucket indices; valid up to `n`. Overwritten by the next call. */
  idx: Int32Array;
  n: number;
}

export interface Featurizer {
  featurize(text: string): Featurized;
}

export function createFeaturizer(chars: CharTable, hashBits: number, maxChars: number): Featurizer {
  const normScratch = { buf: new Uint16Array(256) };
  const featScratch = createFeatureScratch();
  const cueHits: number[] = [];
  return {
    featurize(text: string): Featurized {
      const clipped = text.length > maxChars ? text.slice(0, maxChars) : text;
      const norm = normalizeWith(chars, clipped, normScratch);
      matchCues(norm, cueHits);
      const n = extractFeatures(norm, hashBits, featScratch, cueHits);
      return { norm, idx: featScratch.idx, n };
    },
  };
}
