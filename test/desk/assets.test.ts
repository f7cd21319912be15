import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { AgentRoleSchema } from '../../src/modules/agents/agents.schemas.ts';
import { EventSchema } from '../../src/modules/events/events.schemas.ts';
import { SIGNAL_KINDS } from '../../src/modules/classification/classification.schemas.ts';
import { MESSAGE_AUTHORS, MESSAGE_VISIBILITIES } from '../../src/modules/messages/messages.table.ts';
import { SLA_METRICS, SLA_TARGET_STATUSES } from '../../src/modules/sla/sla.schemas.ts';
import { CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../src/modules/tickets/tickets.table.ts';
import { DESK_CONSTANTS } from '../../src/desk/desk-constants.ts';

/**
 * The helpdesk's files as the server serves them: `constants.js` is the server's own enums, the
 * module graph resolves and stays cache-correct (versioned entry kept for a year, imported modules
 * revalidated by content ETag, every one preloaded), no module keeps a copy of an enum, and the
 * JavaScript stays small.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const ASSETS_DIR = new URL('../../src/desk/assets/', import.meta.url);
const sources = () =>
  (readdirSync(ASSETS_DIR, { recursive: true }) as string[])
    .map((name) => name.split('\\').join('/'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, text: readFileSync(new URL(name, ASSETS_DIR), 'utf8') }));

/**
 * Static imports of the module at `from` (a path under assets/), resolved to paths under assets/:
 * `import … from './x.js'`, `'./strings/en.js'`, `'../../i18n.js'`. Dynamic `import()` (the pages
 * loaded on demand) is no static import.
 */
const importsOf = (source: string, from = 'desk.js') =>
  [...source.matchAll(/^import\s[^;]*?from\s+'(\.{1,2}\/[\w/.-]+\.js)';/gm)].map((m) => new URL(m[1]!, `https://desk.invalid/${from}`).pathname.slice(1));

describe('constants.js', () => {
  it("exports the server's enums, values and order, as frozen arrays", async () => {
    const res = await h.http.get('/desk/assets/constants.js').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const served = await import(`data:text/javascript,${encodeURIComponent(res.text)}`);
    expect({ ...served }).toEqual({
      TICKET_STATUSES: [...TICKET_STATUSES],
      TICKET_PRIORITIES: [...TICKET_PRIORITIES],
      TICKET_TYPES: [...TICKET_TYPES],
      CHANNELS: [...CHANNELS],
      MESSAGE_AUTHORS: [...MESSAGE_AUTHORS],
      MESSAGE_VISIBILITIES: [...MESSAGE_VISIBILITIES],
      AGENT_ROLES: [...AgentRoleSchema.options],
      ACTOR_TYPES: [...EventSchema.shape.actor.shape.type.options],
      SLA_METRICS: [...SLA_METRICS],
      SLA_TARGET_STATUSES: [...SLA_TARGET_STATUSES],
      REPORT_ROLES: ['admin', 'lead'], // the roles whose scopes reach the reports
      PASSWORD_ROLES: ['admin'], // the roles that may change passwords (agents:write)
      EVENT_TYPES: [...EventSchema.shape.type.options],
      SIGNAL_KINDS: [...SIGNAL_KINDS],
      QUEUE_SORTS: ['created', 'due'], // relevance needs a search; recent is created's other name
      UNRESOLVED_STATUSES: ['new', 'open', 'pending', 'on_hold'], // what the queue's "Active" filter always meant
      AGENT_STATUSES: ['available', 'away'],
      MACRO_ROLES: ['admin', 'lead'], // macros:write: the macros page
      ROUTING_ROLES: ['admin', 'lead'], // routing:write: the routing page, agents' status and load cap
      OUTCOME_ROLES: ['admin', 'lead'], // outcomes:write: the outcome form
      OUTCOME_TYPES: ['complaint', 'suggestion'],
      MACRO_LANGUAGES: ['zh-Hans', 'zh-Hant', 'en'],
      MACRO_STATUSES: ['open', 'pending', 'on_hold', 'solved'],
      MACRO_PLACEHOLDERS: ['customer.name', 'ticket.number', 'agent.name'],
      REVIEW_TAGS: ['needs-review'],
      QUEUE_VIEW_ROLES: ['admin'], // scope admin: the operators' queue view, linked in the nav
    });
    for (const values of Object.values(served)) expect(Object.isFrozen(values)).toBe(true);
  });

  it('holds every enum the desk modules import, and no desk module keeps a copy of one', () => {
    const imported = new Set(sources().flatMap(({ text }) => [...text.matchAll(/import \{([^}]+)\} from '\.\/constants\.js'/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()))));
    expect([...imported].filter((name) => !(name in DESK_CONSTANTS))).toEqual([]);
    // A copy shows as every value of an enum spelled as a string literal in one file.
    for (const { name, text } of sources()) {
      for (const [enumName, values] of Object.entries(DESK_CONSTANTS)) {
        if (values.length < 3) continue;
        const copied = values.every((v) => text.includes(`'${v}'`) || text.includes(`"${v}"`));
        expect(copied, `${name} spells out every value of ${enumName}: import it from ./constants.js`).toBe(false);
      }
    }
  });
});

describe('the module graph', () => {
  it('resolves from the versioned entry; every import is preloaded, no-cache with a content ETag, 304 when unchanged', async () => {
    const page = (await h.http.get('/desk').expect(200)).text;
    const entry = /<script type="module" src="(\/desk\/assets\/desk\.js\?v=([\w-]+))"><\/script>/.exec(page)!;
    expect(entry).not.toBeNull();
    const version = entry[2]!;
    for (const asset of ['desk.css', 'icon.svg']) expect(page).toContain(`/desk/assets/${asset}?v=${version}`);
    const preloaded = [...page.matchAll(/<link rel="modulepreload" href="\/desk\/assets\/([\w/.-]+\.js)">/g)].map((m) => m[1]!);

    const first = await h.http.get(entry[1]!).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const seen = new Set<string>();
    const queue = importsOf(first.text);
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await h.http.get(`/desk/assets/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control'], name).toBe('no-cache');
      expect(res.headers['content-security-policy'], name).toContain("script-src 'self'");
      expect((await h.http.get(`/desk/assets/${name}`).set('if-none-match', res.headers.etag!)).status, name).toBe(304);
      queue.push(...importsOf(res.text, name));
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(new Set(preloaded)).toEqual(seen); // every module the entry reaches, nothing more
    // A page from before a deploy asks for an old version: served, but not to be kept.
    expect((await h.http.get('/desk/assets/desk.js?v=0ld0ld0ld0').expect(200)).headers['cache-control']).toBe('no-cache');
    expect((await h.http.head('/desk/assets/api.js').expect(200)).headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 problem+json for what is not a served file', async () => {
    for (const name of ['nope.js', 'desk.routes.ts', '..%2Findex.html', 'desk-constants.ts']) {
      const res = await h.http.get(`/desk/assets/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers['content-type'], name).toContain('application/problem+json');
      expect(res.body.code, name).toBe('desk_assets.not_found');
    }
  });

  it('keeps the first-load JavaScript (all but pages/, loaded on demand) well under 200 KB gzipped', async () => {
    const constants = (await h.http.get('/desk/assets/constants.js')).text;
    const firstLoad = sources().filter(({ name }) => !name.startsWith('pages/'));
    const total = [...firstLoad.map((s) => s.text), constants].reduce((sum, text) => sum + gzipSync(text).length, 0);
    expect(total).toBeLessThan(80 * 1024); // the browser test measures what Chromium actually loads
  });
});
