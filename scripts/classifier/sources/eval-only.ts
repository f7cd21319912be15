import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDelimited } from '../csv.ts';
import type { EvalExample, EvalOnlySource } from './types.ts';
import { clean, readCsv } from './util.ts';

/**
 * Sources we may evaluate on but never train on (licence or terms, see the datasets README).
 * The training script does not import this file.
 */

function dedupe(rows: EvalExample[]): EvalExample[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
}

export const semevalSource: EvalOnlySource = {
  id: 'semeval2019-task9',
  description:
    'SemEval-2019 Task 9 evaluation + trial sets (CC BY-NC-SA): 1 → suggestion, 0 → not-suggestion (statements, complaints, questions)',
  load(dir) {
    const folder = join(dir, 'semeval2019-task9-suggestions-en');
    // The trial file is cp1252, not UTF-8 (README).
    const trial = new TextDecoder('windows-1252').decode(readFileSync(join(folder, 'SubtaskA_Trial_Test_Labeled.csv')));
    const rows = [...readCsv(dir, ['semeval2019-task9-suggestions-en', 'SubtaskA_EvaluationData_labeled.csv']), ...parseDelimited(trial).slice(1)];
    return dedupe(
      rows
        .filter((r) => r.length >= 3 && (r[2] === '0' || r[2] === '1'))
        .map((r) => ({ text: clean(r[1]), label: r[2] === '1' ? 'suggestion' : 'not-suggestion', lang: 'en', source: 'semeval2019-task9' })),
    );
  },
};

function pairFile(dir: string, folder: string, file: string, delimiter: string, header: boolean): string[] {
  const rows = parseDelimited(readFileSync(join(dir, folder, file), 'utf8'), { delimiter, quotes: delimiter === ',' });
  return (header ? rows.slice(1) : rows).flatMap((r) => [clean(r[0]), clean(r[1])]).filter((t) => t !== '');
}

export const bqSource: EvalOnlySource = {
  id: 'zh-bq-bank',
  description: 'BQ corpus dev+test (WeBank questions, gated): every sentence → question',
  load(dir) {
    const texts = [...pairFile(dir, 'zh-bq-bank-questions', 'dev.csv', ',', true), ...pairFile(dir, 'zh-bq-bank-questions', 'test.csv', ',', true)];
    return dedupe(texts.map((text) => ({ text, label: 'question', lang: 'zh', source: 'zh-bq-bank' })));
  },
};

export const lcqmcSource: EvalOnlySource = {
  id: 'zh-lcqmc',
  description: 'LCQMC dev+test (Baidu Zhidao questions, gated): open-domain questions, mostly other (not addressed to a company)',
  load(dir) {
    const texts = [...pairFile(dir, 'zh-lcqmc-questions', 'dev.txt', '\t', false), ...pairFile(dir, 'zh-lcqmc-questions', 'test.txt', '\t', false)];
    return dedupe(texts.map((text) => ({ text, label: 'other', lang: 'zh', source: 'zh-lcqmc' })));
  },
};

export const hospitalSource: EvalOnlySource = {
  id: 'tw-hospital-reviews',
  description: 'Taiwanese hospital reviews (academic use only): 1–2★ → complaint, 4–5★ → other, 3★ skipped',
  load(dir) {
    const rows = readCsv(dir, ['zh-hant-hospital-reviews-tw', 'reviews.csv']);
    const header = rows[0] ?? [];
    const ri = header.indexOf('rating');
    const ti = header.indexOf('review_text');
    const out: EvalExample[] = [];
    for (const r of rows.slice(1)) {
      const stars = Number(r[ri]);
      const text = clean(r[ti]);
      if (text === '' || stars === 3) continue;
      out.push({ text, label: stars <= 2 ? 'complaint' : 'other', lang: 'zh', source: 'tw-hospital-reviews' });
    }
    return dedupe(out);
  },
};

export const EVAL_ONLY_SOURCES: readonly EvalOnlySource[] = [semevalSource, bqSource, lcqmcSource, hospitalSource];
