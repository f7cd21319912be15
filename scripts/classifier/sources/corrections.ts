import { readFileSync } from 'node:fs';
import type { Example, Label } from './types.ts';
import { clean } from './util.ts';

/**
 * Agent corrections exported by the service: JSONL lines like
 * {"text": "...", "modelType": "question", "agentType": "complaint", ...}. The agent's type is
 * the label. Lines where agent and model agree are kept too (they confirm the model on this
 * team's traffic). Unknown agent types are skipped, and the last correction of a text wins.
 */
const TYPES = new Set<Label>(['question', 'complaint', 'suggestion', 'other']);

export function loadCorrections(file: string): { examples: Example[]; skipped: number } {
  const byText = new Map<string, Label>();
  let skipped = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let row: { text?: unknown; agentType?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      skipped++;
      continue;
    }
    const text = clean(typeof row.text === 'string' ? row.text : '');
    const label = row.agentType as Label;
    if (text === '' || !TYPES.has(label)) {
      skipped++;
      continue;
    }
    byText.set(text, label);
  }
  const examples = [...byText].map(([text, label]): Example => ({
    text,
    label,
    lang: /[\u3400-\u9fff]/.test(text) ? 'zh' : 'en',
    source: 'corrections',
  }));
  return { examples, skipped };
}
