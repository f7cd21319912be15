// `npm run bench:list`: `GET /v1/tickets` over HTTP against the database `npm start` uses (seed it
// with `npm run seed:bulk -- --tickets 1000000` first): the common filter lists, the due queue,
// deep keyset pages, and `q` in Chinese and English (common words, rare ones, order numbers), alone
// and with filters, newest first and by relevance. Prints p50/p95 per shape against the aims
// (p95 < 50 ms for lists, < 150 ms for search). The service runs as its own process
// (start-service.ts) on DATA_DIR (default ./.data) or DATABASE_URL; one request at a time. The
// first line is the floor: `GET /healthz` (no database) in the same run, what the machine's load
// adds to any request.
import { resolve } from 'node:path';
import { startService } from './start-service.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const LIST_AIM_MS = 50;
const SEARCH_AIM_MS = 150;
const out = (line: string) => process.stdout.write(`${line}\n`);

const service = await startService({ DATA_DIR: resolve(process.env.DATA_DIR ?? './.data'), RATE_LIMIT_PER_MINUTE: '0' });
const auth = { authorization: `Bearer ${service.adminKey}` };

async function get<T>(path: string): Promise<{ ms: number; body: T }> {
  const started = performance.now();
  const response = await fetch(`${service.url}${path}`, { headers: { ...auth, accept: 'application/json' } });
  const body = (await response.json()) as T;
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, body };
}
type Page = { data: { id: string; highlight?: string }[]; nextCursor: string | null };
const enc = encodeURIComponent;

interface Shape {
  name: string;
  search: boolean | 'floor';
  paths: string[];
  /** follow nextCursor this many pages and time the pages past the first `skip` */
  deep?: { pages: number; skip: number };
}

try {
  const agents = (await get<{ data: { id: string }[] }>('/v1/agents?limit=50')).body.data.map((a) => a.id);
  const teams = (await get<{ data: { id: string }[] }>('/v1/teams?limit=50')).body.data.map((t) => t.id);
  // Order numbers customers quoted (seed:bulk puts one in half the openings): one-ticket lookups.
  const orders: string[] = [];
  for (const ticket of (await get<Page>('/v1/tickets?limit=100&createdTo=' + enc(new Date(Date.now() - 30 * 86_400_000).toISOString()))).body.data) {
    const first = (await get<{ data: { body: string }[] }>(`/v1/tickets/${ticket.id}/messages?limit=1`)).body.data[0];
    const order = first?.body.match(/\d{12}/)?.[0];
    if (order) orders.push(order);
    if (orders.length >= 4) break;
  }
  const agent = (i: number) => agents[i % agents.length] ?? 'none';
  const team = (i: number) => teams[i % teams.length] ?? 'none';

  const shapes: Shape[] = [
    { name: 'floor: GET /healthz', search: 'floor', paths: ['', '', '', ''] },
    { name: 'status=open', search: false, paths: ['status=open', 'status=new,open', 'status=pending', 'status=solved'] },
    { name: 'mine (assignee, open)', search: false, paths: [0, 1, 2, 3].map((i) => `assigneeId=${agent(i * 7)}&status=new,open,pending`) },
    { name: 'mine (assignee, all)', search: false, paths: [0, 1, 2, 3].map((i) => `assigneeId=${agent(i * 5 + 1)}`) },
    { name: 'unassigned', search: false, paths: ['assigneeId=none', 'assigneeId=none&status=new,open'] },
    { name: 'team, open', search: false, paths: [0, 1, 2, 3].map((i) => `teamId=${team(i)}&status=new,open,pending`) },
    { name: 'type+channel', search: false, paths: ['type=complaint&channel=weibo', 'type=question&channel=email,web', 'type=suggestion&channel=wechat', 'type=complaint&channel=phone&priority=urgent'] },
    { name: 'sort=due', search: false, paths: ['sort=due', `sort=due&assigneeId=${agent(3)}`, `sort=due&teamId=${team(1)}`, 'sort=due&priority=urgent,high'] },
    { name: 'deep keyset (pages 10-30)', search: false, paths: ['status=closed', 'channel=weibo'], deep: { pages: 30, skip: 9 } },
    { name: 'q zh common (退款, 保修)', search: true, paths: ['退款', '保修期', '怎么连接手机', '發票'].map((q) => `q=${enc(q)}`) },
    { name: 'q zh rare (订单号, phrase)', search: true, paths: [...orders.slice(0, 2), '说明书 图解', '运费补偿'].map((q) => `q=${enc(q)}`) },
    { name: 'q en (refund, warranty)', search: true, paths: ['refund', 'warranty', 'quiet mode', 'invoice email'].map((q) => `q=${enc(q)}`) },
    { name: 'q en rare (order number)', search: true, paths: [...orders.slice(2, 4), 'firmware update', 'courier picks'].map((q) => `q=${enc(q)}`) },
    { name: 'q + filters', search: true, paths: [`q=${enc('退款')}&status=open,pending`, `q=refund&channel=email`, `q=${enc('保修')}&assigneeId=${agent(2)}`, `q=${enc('发货')}&type=complaint&channel=weibo`] },
    { name: 'q + sort=due', search: true, paths: [`q=${enc('退款')}&sort=due`, `q=refund&sort=due`] },
    { name: 'q sort=relevance', search: true, paths: [`q=${enc('退款')}&sort=relevance`, `q=warranty&sort=relevance`, `q=${enc('静音模式')}&sort=relevance`, `q=${enc(orders[0] ?? '123')}&sort=relevance`] },
    { name: 'q deep pages (2-5)', search: true, paths: [`q=${enc('退款')}`, `q=refund`], deep: { pages: 5, skip: 1 } },
  ];

  const results: { name: string; search: Shape['search']; p50: number; p95: number; max: number; calls: number; hits: number; slowest: string }[] = [];
  for (const shape of shapes) {
    const url = (path: string) => (shape.search === 'floor' ? '/healthz' : `/v1/tickets?${path}`);
    for (const path of shape.paths) await get(url(path)); // warm
    const times: { ms: number; path: string }[] = [];
    let hits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of shape.paths) {
        if (!shape.deep) {
          const { ms, body } = await get<Page>(url(path));
          times.push({ ms, path });
          hits += body.data?.length ?? 0;
          continue;
        }
        let cursor: string | null = null;
        for (let page = 0; page < shape.deep.pages; page++) {
          const { ms, body }: { ms: number; body: Page } = await get<Page>(`/v1/tickets?${path}${cursor ? `&cursor=${cursor}` : ''}`);
          if (page >= shape.deep.skip) times.push({ ms, path: `${path} page ${page + 1}` });
          hits += body.data.length;
          cursor = body.nextCursor;
          if (!cursor) break;
        }
      }
    }
    times.sort((a, b) => a.ms - b.ms);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]?.ms ?? 0;
    results.push({ name: shape.name, search: shape.search, p50: at(0.5), p95: at(0.95), max: times.at(-1)?.ms ?? 0, calls: times.length, hits: Math.round(hits / ROUNDS), slowest: times.at(-1)?.path ?? '' });
  }

  out(`GET /v1/tickets over HTTP, ${ROUNDS} rounds per shape, limit 50, one request at a time:`);
  out(`  ${'shape'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'calls'.padStart(6)} ${'rows/round'.padStart(10)}  aim`);
  let met = true;
  for (const r of results) {
    const aim = r.search === 'floor' ? Infinity : r.search ? SEARCH_AIM_MS : LIST_AIM_MS;
    met &&= r.p95 < aim;
    const verdict = aim === Infinity ? '(the floor)' : `p95 < ${aim}: ${r.p95 < aim ? 'met' : 'NOT met'}`;
    out(`  ${r.name.padEnd(30)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${String(r.calls).padStart(6)} ${String(r.hits).padStart(10)}  ${verdict}`);
  }
  out(`  load average at the end: ${(await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' ')} (${(await import('node:os')).cpus().length} cores)`);
  for (const r of results) out(`  slowest ${r.name}: ${decodeURIComponent(r.slowest)}`);
  out(met ? 'every shape within its aim' : 'some shapes NOT within their aim');
  process.exitCode = met ? 0 : 1;
} finally {
  await service.stop();
}
