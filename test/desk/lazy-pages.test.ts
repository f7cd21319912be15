import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';

/**
 * The pages the desk loads on demand (assets/pages/…: the dashboard and the alerts page) and the
 * third-party code they import (/desk/vendor/…, from node_modules by an allow-list): served with
 * the desk's caching rules, never preloaded (not part of the first load), every import resolving.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const require = createRequire(import.meta.url);

/** Static imports of a module, as URLs resolved against the module's own URL. */
const importsOf = (source: string, url: string) =>
  [...source.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gm)].map((m) => new URL(m[1]!, `http://desk.test${url}`).pathname);

describe('lazily loaded pages', () => {
  it('serves every module the pages reach, no-cache with a content ETag, and preloads none of them', async () => {
    const page = (await h.http.get('/desk').expect(200)).text;
    expect(page).not.toContain('/desk/assets/pages/');
    expect(page).not.toContain('/desk/vendor/');

    const seen = new Set<string>();
    const queue = ['/desk/assets/pages/dashboard/dashboard-page.js', '/desk/assets/pages/alerts/alerts-page.js', '/desk/assets/pages/macros/macros-page.js', '/desk/assets/pages/routing/routing-page.js'];
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await h.http.get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-type'], url).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect((await h.http.get(url).set('if-none-match', res.headers.etag!)).status, url).toBe(304);
      queue.push(...importsOf(res.text, url));
    }
    expect(seen).toContain('/desk/vendor/uplot.js');
    expect(seen).toContain('/desk/assets/pages/shared/format.js');
    expect(seen).toContain('/desk/assets/pages/macros/strings.js');
    expect(seen).toContain('/desk/assets/pages/routing/strings.js');
    for (const css of ['/desk/assets/pages/dashboard/dashboard.css', '/desk/assets/pages/alerts/alerts.css', '/desk/assets/pages/macros/macros.css', '/desk/assets/pages/routing/routing.css', '/desk/assets/pages/shared/pages.css', '/desk/vendor/uplot.css']) {
      expect((await h.http.get(css).expect(200)).headers['content-type'], css).toBe('text/css; charset=utf-8');
    }
  });

  it('serves uPlot as installed, and nothing else from node_modules', async () => {
    const res = await h.http.get('/desk/vendor/uplot.js').expect(200);
    expect(res.text).toBe(readFileSync(require.resolve('uplot/dist/uPlot.esm.js'), 'utf8'));
    expect(res.text).toMatch(/export \{ uPlot as default \}/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect((await h.http.get('/desk/vendor/uplot.js').set('if-none-match', res.headers.etag!)).status).toBe(304);
    for (const url of ['/desk/vendor/package.json', '/desk/vendor/uPlot.esm.js', '/desk/vendor/..%2F..%2Fpackage.json', '/desk/vendor/uplot%2Fdist%2FuPlot.esm.js']) {
      const miss = await h.http.get(url);
      expect(miss.status, url).toBe(404);
      expect(miss.body.code, url).toBe('desk_assets.not_found');
    }
  });

  it('answers 404 for paths out of the assets folder and for files it does not serve', async () => {
    for (const url of ['/desk/assets/pages/..%2F..%2Fdesk.routes.ts', '/desk/assets/pages/dashboard/nope.js', '/desk/assets/pages/%2E%2E/desk.routes.ts', '/desk/assets/pages/dashboard/']) {
      const res = await h.http.get(url);
      expect(res.status, url).toBe(404);
    }
  });
});
