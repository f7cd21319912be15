import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../http/problem.ts';

/**
 * Third-party browser code the desk's lazily loaded pages import, served from node_modules by an
 * explicit allow-list: a URL names one file of one installed package, never a path into
 * node_modules, so nothing else there (a package's tests, its package.json, another package) is
 * reachable. The dashboard imports `/desk/vendor/uplot.js` (uPlot's native ES module: no bundler)
 * and links `/desk/vendor/uplot.css`. Versions come from package-lock.json like every dependency.
 *
 * Caching as for the desk's own modules: imported by an unversioned URL, so `no-cache` with a
 * content-hash ETag (a 304 while unchanged, the new file at once after an upgrade).
 */
const VENDOR_URL = '/desk/vendor/';

export const VENDOR_FILES: Record<string, { module: string; type: string }> = {
  'uplot.js': { module: 'uplot/dist/uPlot.esm.js', type: 'text/javascript; charset=utf-8' },
  'uplot.css': { module: 'uplot/dist/uPlot.min.css', type: 'text/css; charset=utf-8' },
};

interface VendorFile {
  type: string;
  etag: string;
  body: Buffer;
}

const require = createRequire(import.meta.url);

async function loadVendorFiles(): Promise<Map<string, VendorFile>> {
  const files = new Map<string, VendorFile>();
  for (const [name, { module, type }] of Object.entries(VENDOR_FILES)) {
    const body = await readFile(require.resolve(module));
    files.set(name, { type, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return files;
}

export const deskVendorRoutes: FastifyPluginAsync<{ csp: string }> = async (app, { csp }) => {
  const files = await loadVendorFiles();
  app.get<{ Params: { name: string } }>(`${VENDOR_URL}:name`, { schema: { hide: true } }, async (request, reply) => {
    const file = files.get(request.params.name);
    if (!file) throw notFound('desk_assets', `No helpdesk file ${request.params.name.slice(0, 100)}`);
    reply.header('cache-control', 'no-cache').header('etag', file.etag).header('content-security-policy', csp);
    if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
    return reply.type(file.type).send(file.body);
  });
};
