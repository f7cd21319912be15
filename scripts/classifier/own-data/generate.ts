/**
 * Generates the template-based part of the project's own training data:
 *   tsx scripts/classifier/own-data/generate.ts  →  training-data/generated-{en,zh}.jsonl
 * Deterministic (seeded). The hand-written examples live in training-data/handwritten-*.jsonl.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../random.ts';
import { TRAINING_DATA_DIR } from '../paths.ts';
import type { Label } from '../sources/types.ts';
import { EN_BRANDS, EN_COMPLAINT, EN_DOMAINS, EN_OTHER, EN_PREFIX, EN_QUESTION, EN_SUFFIX, EN_SUGGESTION, type Domain } from './en.ts';
import { ZH_COMPLAINT, ZH_DOMAINS, ZH_OTHER, ZH_PREFIX, ZH_QUESTION, ZH_SUFFIX, ZH_SUGGESTION } from './zh.ts';

let rand = mulberry32(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function fill(template: string, d: Domain): string {
  return template
    .replace('{task}', () => pick(d.tasks))
    .replace('{fact}', () => pick(d.facts))
    .replace('{Failure}', () => cap(pick(d.failures)))
    .replace('{failure}', () => pick(d.failures))
    .replace('{idea}', () => pick(d.ideas))
    .replace('{brand}', () => pick(EN_BRANDS));
}

function decorate(text: string, lang: 'en' | 'zh'): string {
  // Templates that already greet or address someone get no greeting prefix.
  const greeted = /^(?:hi|hey|hello|@)/i.test(text) || /^(?:你好|您好|在吗)/.test(text);
  const prefix = greeted ? '' : pick(lang === 'en' ? EN_PREFIX : ZH_PREFIX).replace('{brand}', () => pick(EN_BRANDS));
  const suffix = pick(lang === 'en' ? EN_SUFFIX : ZH_SUFFIX).replace('{num}', () => String(10000 + Math.floor(rand() * 89999)));
  let s = prefix + (prefix === '' || prefix.endsWith('. ') || prefix.startsWith('@') ? text : lang === 'en' ? text.charAt(0).toLowerCase() + text.slice(1) : text) + suffix;
  if (lang === 'en') {
    const r = rand();
    if (r < 0.15) s = s.toLowerCase();
    else if (r < 0.25) s = s.replace(/[.!?]+$/, '');
  } else if (rand() < 0.2) {
    s = s.replace(/[，。]/g, ' ').trim();
  }
  return s.replace(/\s+/g, ' ').trim();
}

function generate(lang: 'en' | 'zh', perClass: number): string[] {
  const domains = lang === 'en' ? EN_DOMAINS : ZH_DOMAINS;
  const templates: Array<[Label, string[]]> =
    lang === 'en'
      ? [['question', EN_QUESTION], ['complaint', EN_COMPLAINT], ['suggestion', EN_SUGGESTION]]
      : [['question', ZH_QUESTION], ['complaint', ZH_COMPLAINT], ['suggestion', ZH_SUGGESTION]];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const [label, tpl] of templates) {
    let made = 0;
    for (let attempts = 0; made < perClass && attempts < perClass * 20; attempts++) {
      const text = decorate(fill(pick(tpl), pick(domains)), lang);
      if (seen.has(text)) continue;
      seen.add(text);
      lines.push(JSON.stringify({ text, label, lang: lang === 'en' ? 'en' : 'zh-Hans', origin: 'template' }));
      made++;
    }
  }
  for (const t of lang === 'en' ? EN_OTHER : ZH_OTHER) {
    lines.push(JSON.stringify({ text: t, label: 'other', lang: lang === 'en' ? 'en' : 'zh-Hans', origin: 'template' }));
  }
  return lines;
}

for (const lang of ['en', 'zh'] as const) {
  // One seeded stream per language: editing the English templates does not reshuffle the Chinese data.
  rand = mulberry32(lang === 'en' ? 7 : 8);
  const lines = generate(lang, lang === 'en' ? 1200 : 900);
  writeFileSync(join(TRAINING_DATA_DIR, `generated-${lang}.jsonl`), lines.join('\n') + '\n');
  console.log(`generated-${lang}.jsonl: ${lines.length} examples`);
}
