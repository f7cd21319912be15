// Crisis levels as the playbook names them, least severe first: IV 一般 … I 特别严重. A level is
// always shown as text (its numeral and name), its colour only repeats what the text says.
import { el } from './dom.js';

export const LEVELS = ['IV', 'III', 'II', 'I'];

/** The level's name in the viewer's language, from the alert's own `levelName` when it has one. */
export function levelText(level, locale, levelName) {
  const fallback = { I: ['特别严重', 'especially severe'], II: ['严重', 'severe'], III: ['较重', 'serious'], IV: ['一般', 'general'] }[level] ?? [level, level];
  const zh = levelName?.zh ?? fallback[0];
  const en = levelName?.en ?? fallback[1];
  return locale === 'zh-CN' ? `${level}级 · ${zh}` : `Level ${level} · ${en}`;
}

export function levelBadge(level, locale, levelName) {
  return el('span', { class: `level-badge level-${level}`, 'data-level': level, text: levelText(level, locale, levelName) });
}
