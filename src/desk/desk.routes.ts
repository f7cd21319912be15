import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../http/problem.ts';

/**
 * The helpdesk: one HTML page and a few static files, vanilla JS with no build step. Files are read
 * once at start-up; assets are addressed with a content hash (`?v=`) so browsers may keep them for a
 * year, while the page itself is revalidated on every load (ETag → 304).
 */
const ASSETS: Record<string, string> = {
  'desk.js': 'text/javascript; charset=utf-8',
  'desk.css': 'text/css; charset=utf-8',
  'icon.svg': 'image/svg+xml',
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

interface Served {
  body: Buffer;
  type: string;
  etag: string;
}

const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

async function load(name: string): Promise<Buffer> {
  return readFile(new URL(name, import.meta.url));
}

function send(request: FastifyRequest, reply: FastifyReply, file: Served, cacheControl: string) {
  reply.header('cache-control', cacheControl).header('etag', file.etag).header('content-security-policy', CSP);
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

export const deskRoutes: FastifyPluginAsync = async (app) => {
  const assets = new Map<string, Served>();
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = await load(`assets/${name}`);
    assets.set(name, { body, type, etag: etagOf(body) });
  }
  const version = etagOf(Buffer.concat([...assets.values()].map((a) => a.body))).slice(1, 11);
  const html = Buffer.from((await load('index.html')).toString('utf8').replaceAll('__VERSION__', version));
  const page: Served = { body: html, type: 'text/html; charset=utf-8', etag: etagOf(html) };

  // `/desk/` too: the app ignores trailing slashes. Hidden from the OpenAPI document: it is a page, not the API.
  app.get('/desk', { schema: { hide: true } }, async (request, reply) => send(request, reply, page, 'no-cache'));

  app.get<{ Params: { name: string } }>('/desk/assets/:name', { schema: { hide: true } }, async (request, reply) => {
    const file = assets.get(request.params.name);
    if (!file) throw notFound('desk_assets', `No helpdesk file ${request.params.name.slice(0, 100)}`);
    const versioned = (request.query as { v?: string }).v === version;
    return send(request, reply, file, versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
};
