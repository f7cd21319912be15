import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { notFound } from '../http/problem.ts';
import { constantsModule } from './desk-constants.ts';
import { deskVendorRoutes } from './desk-vendor.routes.ts';

/**
 * The helpdesk: one HTML page, answered at /desk and at every deep link the desk's router shows
 * (DESK_PAGE_PATHS), and the files under assets/, folders included (native ES modules, no build
 * step), served by @fastify/static, plus `constants.js`, generated at start-up from the server's enums.
 *
 * Caching, and why it stays correct for a module graph: the page is revalidated on every load
 * (no-cache + ETag → 304). What it names directly (the entry module, the stylesheet, the icon)
 * carries `?v=<hash of every asset>` and may be kept for a year. The modules that the entry
 * imports cannot carry it: relative imports (`./api.js`) drop the query string, and versioning
 * them would mean rewriting imports (a build step) or an import map (inline script, which the CSP
 * forbids). So every unversioned URL is `no-cache` with a content-hash ETag: a changed module is
 * always fetched, an unchanged one costs a 304. The page preloads every first-load module
 * (`<link rel="modulepreload">`), so those revalidations go out at once instead of one import
 * level after another; pages/ are loaded on demand and not preloaded.
 *
 * ETags are content hashes taken at start-up, not @fastify/static's size + mtime: builds that
 * normalise file times would otherwise answer 304 for a changed file of the same size. Files are
 * read once for that, so an edited asset is served after a restart (as the version also says).
 */
const ASSETS_DIR = fileURLToPath(new URL('assets/', import.meta.url));
const ASSETS_URL = '/desk/assets/';
const ENTRY = 'desk.js';
const GENERATED = 'constants.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** What the page loads; anything else in assets/ (an editor's backup, a note) is not served. */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Our own files only: no inline script or style, no framing, API calls to this origin. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  type: string;
  etag: string;
  /** Only for the generated module; files are streamed from disk. */
  body?: Buffer;
}

const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

/** Every servable file under assets/, by its path there (`queue-view.js`, `pages/alerts/alerts-page.js`). */
async function loadAssets(): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  // Names, not Dirents: a Dirent's parentPath is missing before Node 20.12.
  const names = (await readdir(ASSETS_DIR, { recursive: true })).map((name) => name.split(sep).join('/')).sort((a, b) => a.localeCompare(b));
  for (const name of names) {
    const type = TYPES[extname(name)];
    // Dot files and dot folders (an editor's state) are never served.
    if (!type || name.split('/').some((part) => part.startsWith('.')) || !(await stat(join(ASSETS_DIR, name))).isFile()) continue;
    if (name === GENERATED) throw new Error(`src/desk/assets/${GENERATED} would hide the generated module of that name`);
    assets.set(name, { type, etag: etagOf(await readFile(join(ASSETS_DIR, name))) });
  }
  const constants = Buffer.from(constantsModule());
  assets.set(GENERATED, { type: TYPES['.js']!, etag: etagOf(constants), body: constants });
  return assets;
}

/**
 * Pages loaded on demand (`import()` when an agent opens them: the dashboard's charts) live under
 * pages/: they are not preloaded, so the first load carries only the shell.
 */
const ON_DEMAND = 'pages/';

/** The paths the desk's router shows (History API): a reload or a shared link gets the page. */
export const DESK_PAGE_PATHS = ['/desk', '/desk/tickets/:id', '/desk/customers/:id', '/desk/dashboard', '/desk/alerts', '/desk/alerts/:id', '/desk/macros', '/desk/routing'];

/** The page, with the version in its asset URLs and a preload for every first-load module but the entry. */
function renderPage(template: string, version: string, assets: Map<string, Asset>): Buffer {
  const modules = [...assets.keys()].filter((name) => name.endsWith('.js') && name !== ENTRY && !name.startsWith(ON_DEMAND));
  const preloads = modules.map((name) => `<link rel="modulepreload" href="${ASSETS_URL}${name}">`).join('\n');
  return Buffer.from(template.replaceAll('__VERSION__', version).replace('__MODULE_PRELOADS__', preloads));
}

/** Headers every desk response carries; true when the browser's copy is current (answer 304). */
function prepare(reply: FastifyReply, ifNoneMatch: string | undefined, etag: string, cacheControl: string): boolean {
  reply.header('cache-control', cacheControl).header('etag', etag).header('content-security-policy', CSP);
  return ifNoneMatch === etag;
}

export const deskRoutes: FastifyPluginAsync = async (app) => {
  const assets = await loadAssets();
  const version = etagOf(JSON.stringify([...assets].map(([name, { etag }]) => [name, etag]))).slice(1, 11);
  const page = renderPage(await readFile(new URL('index.html', import.meta.url), 'utf8'), version, assets);
  const pageEtag = etagOf(page);

  // Only `reply.sendFile` (no routes of its own): the routes below decide what exists and how it is cached.
  await app.register(fastifyStatic, { root: ASSETS_DIR, serve: false, etag: false, lastModified: false, cacheControl: false, contentType: false, acceptRanges: false });

  // `/desk/` too: the app ignores trailing slashes. Hidden from the OpenAPI document: it is a page, not the API.
  // Whether a ticket or customer exists is the API's answer to the page, not the page's status.
  for (const path of DESK_PAGE_PATHS) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      if (prepare(reply, request.headers['if-none-match'], pageEtag, 'no-cache')) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(page);
    });
  }

  // A wildcard: modules live in folders (pages/…, strings/…). Only names in `assets` are served,
  // so `..` or an encoded slash can never reach another file.
  app.get<{ Params: { '*': string }; Querystring: { v?: string } }>(`${ASSETS_URL}*`, { schema: { hide: true } }, async (request, reply) => {
    const name = request.params['*'];
    const asset = assets.get(name);
    if (!asset) throw notFound('desk_assets', `No helpdesk file ${name.slice(0, 100)}`);
    const cacheControl = request.query.v === version ? IMMUTABLE : 'no-cache';
    if (prepare(reply, request.headers['if-none-match'], asset.etag, cacheControl)) return reply.code(304).send();
    reply.type(asset.type);
    return asset.body ? reply.send(asset.body) : reply.sendFile(name);
  });

  await app.register(deskVendorRoutes, { csp: CSP });
};
