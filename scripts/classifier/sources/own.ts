import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, Label, TrainSource } from './types.ts';
import { clean } from './util.ts';

/**
 * The project's own labeled examples: training-data/*.jsonl (template-generated files
 * `generated-*.jsonl` get source id `own`, every other file `own-hand`, so the two can be weighted
 * separately), lines {text, label, lang}, written
 * by this team (hand-written and template-generated, see training-data/README.md). lang is
 * en / zh-Hans / zh-Hant; the model folds both Chinese scripts into one group.
 */
const VALID = new Set<Label>(['question', 'complaint', 'suggestion', 'other']);

export function loadJsonlExamples(file: string, source: string): Example[] {
  const out: Example[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; lang?: unknown };
    const text = clean(typeof row.text === 'string' ? row.text : '');
    const label = row.label as Label;
    if (text === '' || !VALID.has(label)) throw new Error(`${file}:${i + 1}: need text and a label in ${[...VALID].join('/')}`);
    const lang = typeof row.lang === 'string' && row.lang.startsWith('zh') ? 'zh' : /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en';
    out.push({ text, label, lang, source });
  });
  return out;
}

export function ownSource(trainingDataDir: string): TrainSource {
  return {
    id: 'own',
    description: 'training-data/*.jsonl: the project’s own examples (en, zh-Hans, zh-Hant)',
    load() {
      if (!existsSync(trainingDataDir)) return [];
      return readdirSync(trainingDataDir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .flatMap((f) => loadJsonlExamples(join(trainingDataDir, f), f.startsWith('generated') ? 'own' : 'own-hand'));
    },
  };
}
