import { readFileSync } from 'node:fs';
import type { Label } from './sources/types.ts';

/** gold-dev.jsonl: real messages labeled by people against GUIDELINES.md. Never trained on. */
export interface GoldItem {
  id: string;
  text: string;
  lang: 'en' | 'zh-Hans' | 'zh-Hant';
  label: Label;
  source: string;
}

export function loadGold(path: string): GoldItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as GoldItem);
}
