import { createRequire } from 'node:module';

/** A word of segmented text with its part of speech (jieba's ICTCLAS-style tags: n, v, nz, eng, x …). */
export interface TaggedWord {
  word: string;
  tag: string;
}

export type Segmenter = (text: string) => TaggedWord[];

type JiebaModule = typeof import('@node-rs/jieba');
type DictModule = typeof import('@node-rs/jieba/dict.js');

/**
 * Chinese word segmentation with part-of-speech tags: @node-rs/jieba (jieba-rs through N-API,
 * prebuilt binaries per platform, no install script). Its dictionary costs ~150 ms and ~70 MB,
 * so it is required here, on first use, and only the process that extracts topics (the worker)
 * ever loads it; the API process reads topics from Postgres. HMM is on: it finds words the
 * dictionary lacks (new brands and products: 喜茶, 芝芝莓莓), tagged `x`.
 */
export function loadSegmenter(): Segmenter {
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as JiebaModule;
  const { dict } = require('@node-rs/jieba/dict.js') as DictModule;
  const jieba = Jieba.withDict(dict);
  return (text) => jieba.tag(text, true);
}
