import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_CONSTANTS } from '../../src/desk/desk-constants.ts';

/**
 * The desk's two string tables: every key the modules name exists in English (the full set), the
 * Chinese table translates all of them (a plural pair `.one`/`.other` may be one Chinese string:
 * Chinese has no plural), and every enum value the desk shows in words has its words in both.
 */
const ASSETS_DIR = new URL('../../src/desk/assets/', import.meta.url);
const sources = (readdirSync(ASSETS_DIR, { recursive: true }) as string[])
  .map((name) => name.split('\\').join('/'))
  .filter((name) => name.endsWith('.js') && !name.startsWith('strings/') && !name.startsWith('pages/'))
  .map((name) => ({ name, text: readFileSync(new URL(name, ASSETS_DIR), 'utf8') }));

// Browser modules, not part of the TypeScript program: loaded by URL.
const table = async (name: string) => (await import(new URL(`strings/${name}`, ASSETS_DIR).href)).default as Record<string, string>;
const english = await table('en.js');
const chinese = await table('zh-CN.js');
const base = (key: string) => key.replace(/\.(one|other)$/, '');

describe('the desk strings', () => {
  it('has every key a module names with t() in English', () => {
    const named = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\bt\('([\w.-]+)'/g)].map((m) => m[1]!)));
    expect(named.size).toBeGreaterThan(100);
    const known = new Set([...Object.keys(english), ...Object.keys(english).map(base)]);
    expect([...named].filter((key) => !known.has(key))).toEqual([]);
  });

  it('translates every English string into Chinese, and has no Chinese string English lacks', () => {
    const missing = Object.keys(english).filter((key) => !(key in chinese) && !(base(key) in chinese));
    expect(missing).toEqual([]);
    const extra = Object.keys(chinese).filter((key) => !(key in english) && !Object.keys(english).some((k) => base(k) === key));
    expect(extra).toEqual([]);
    // Placeholders survive translation: a Chinese string fills in what the English one does.
    for (const [key, text] of Object.entries(chinese)) {
      const englishText = english[key] ?? english[`${key}.other`]!;
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(text), key).toEqual(names(englishText));
    }
  });

  it("words every value of the server's enums that the desk shows", () => {
    const shown: Record<string, readonly string[]> = {
      status: DESK_CONSTANTS.TICKET_STATUSES,
      type: DESK_CONSTANTS.TICKET_TYPES,
      priority: DESK_CONSTANTS.TICKET_PRIORITIES,
      channel: DESK_CONSTANTS.CHANNELS,
      role: DESK_CONSTANTS.AGENT_ROLES,
      metric: DESK_CONSTANTS.SLA_METRICS,
      signal: DESK_CONSTANTS.SIGNAL_KINDS,
      actor: DESK_CONSTANTS.ACTOR_TYPES,
      author: DESK_CONSTANTS.MESSAGE_AUTHORS,
      agentStatus: DESK_CONSTANTS.AGENT_STATUSES,
      'agentStatus.set': DESK_CONSTANTS.AGENT_STATUSES,
    };
    for (const [kind, values] of Object.entries(shown)) {
      for (const value of values) {
        expect(english[`${kind}.${value}`], `en ${kind}.${value}`).toBeTruthy();
        expect(chinese[`${kind}.${value}`], `zh-CN ${kind}.${value}`).toBeTruthy();
      }
    }
  });

  it('gives every page loaded on demand (pages/<page>/strings.js) the same keys and placeholders in both languages', async () => {
    const pageTables = (readdirSync(new URL('pages/', ASSETS_DIR), { recursive: true }) as string[])
      .map((name) => name.split('\\').join('/'))
      .filter((name) => name.endsWith('/strings.js'));
    expect(pageTables.length).toBeGreaterThanOrEqual(4);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const name of pageTables) {
      const tables = (await import(new URL(`pages/${name}`, ASSETS_DIR).href)).default as Record<'en' | 'zh-CN', Record<string, string>>;
      expect(Object.keys(tables['zh-CN']).sort(), name).toEqual(Object.keys(tables.en).sort());
      for (const [key, text] of Object.entries(tables['zh-CN'])) expect(names(text), `${name} ${key}`).toEqual(names(tables.en[key]!));
    }
  });
});
