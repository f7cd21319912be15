// `npm run bench:reports`: every report over HTTP against the database `npm start` uses (seed it
// with `npm run seed:bulk -- --tickets 1000000` first), with a mix of periods, zones, buckets and
// filters; prints p50/p95/max per report. The service runs as its own process (start-service.ts)
// on DATA_DIR (default ./.data) or DATABASE_URL.
import { resolve } from 'node:path';
import { startService } from './start-service.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const out = (line: string) => process.stdout.write(`${line}\n`);
const DAY = 86_400_000;

const service = await startService({ DATA_DIR: resolve(process.env.DATA_DIR ?? './.data'), RATE_LIMIT_PER_MINUTE: '0' });
const auth = { authorization: `Bearer ${service.adminKey}` };
const get = async (path: string, accept = 'application/json') => {
  const started = performance.now();
  const response = await fetch(`${service.url}${path}`, { headers: { ...auth, accept } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return performance.now() - started;
};

try {
  const teams = ((await (await fetch(`${service.url}/v1/teams?limit=50`, { headers: auth })).json()) as { data: { id: string }[] }).data;
  const agents = ((await (await fetch(`${service.url}/v1/agents?limit=50`, { headers: auth })).json()) as { data: { id: string }[] }).data;
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const ago = (days: number) => new Date(now - days * DAY).toISOString();
  const period = (days: number) => `from=${encodeURIComponent(ago(days))}&to=${encodeURIComponent(new Date(now).toISOString())}`;

  /** Dashboards' questions: today by hour, a week, a month by day, a quarter by week, a year by month; zones with DST and with a half-hour offset; filters. */
  const windows = [
    `${period(1)}&timeZone=Asia/Shanghai&bucket=hour`,
    `${period(7)}&timeZone=UTC&bucket=hour`,
    `${period(7)}&timeZone=Asia/Shanghai&bucket=day`,
    `${period(30)}&timeZone=Asia/Shanghai&bucket=day`,
    `${period(30)}&timeZone=America/New_York&bucket=day`,
    `${period(30)}&timeZone=Asia/Kolkata&bucket=day`,
    `${period(30)}&timeZone=UTC&bucket=day&type=complaint`,
    `${period(30)}&timeZone=Asia/Shanghai&bucket=week&channel=weibo,douyin`,
    `${period(30)}&timeZone=Asia/Shanghai&bucket=day&priority=urgent,high`,
    `${period(30)}&timeZone=Asia/Shanghai&bucket=day&teamId=${teams[0]?.id ?? 'none'}`,
    `${period(30)}&timeZone=Asia/Shanghai&bucket=day&agentId=${agents[0]?.id ?? 'none'}`,
    `${period(90)}&timeZone=Asia/Shanghai&bucket=week`,
    `${period(90)}&timeZone=Europe/Berlin&bucket=week&type=question`,
    `${period(365)}&timeZone=Asia/Shanghai&bucket=month`,
    `${period(365)}&timeZone=UTC&bucket=month&channel=wechat`,
  ];
  const extras: Record<string, string[]> = {
    volume: ['', '&groupBy=channel', '&groupBy=type'],
    sla: ['', '&groupBy=type', '&groupBy=agent'],
    csat: ['', '&groupBy=agent', '&groupBy=sla'],
  };
  const reports = ['volume', 'response-times', 'backlog', 'agents', 'sla', 'csat', 'classification'];
  const results: { report: string; p50: number; p95: number; max: number; calls: number; slowest: string; byPath: Map<string, number> }[] = [];
  for (const report of reports) {
    const calls = windows.flatMap((w, i) => {
      const extra = extras[report]?.[i % (extras[report]?.length ?? 1)] ?? '';
      return [`/v1/reports/${report}?${w}${extra}`];
    });
    await get(calls[0]!); // warm the connection and the plan cache
    const times: { ms: number; path: string }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, path] of calls.entries()) times.push({ ms: await get(path, i % 5 === 4 ? 'text/csv' : 'application/json'), path });
    }
    times.sort((a, b) => a.ms - b.ms);
    const byPath = new Map<string, number>();
    for (const path of calls) {
      const own = times.filter((t) => t.path === path).map((t) => t.ms);
      byPath.set(path, own[Math.floor(own.length / 2)]!);
    }
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.ms;
    results.push({ report, p50: at(0.5), p95: at(0.95), max: times[times.length - 1]!.ms, calls: times.length, slowest: times[times.length - 1]!.path, byPath });
  }
  out(`reports over HTTP, ${windows.length} parameter sets x ${ROUNDS} rounds (every 5th as CSV):`);
  out(`  ${'report'.padEnd(16)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}  calls`);
  for (const r of results) out(`  ${r.report.padEnd(16)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}  ${r.calls}`);
  for (const r of results) out(`  slowest ${r.report}: ${decodeURIComponent(r.slowest)}`);
  // BENCH_DETAIL=1: each parameter set's median, slowest first (where a report's time goes).
  if (process.env.BENCH_DETAIL) {
    for (const r of results) {
      out(`  ${r.report}, median ms by parameter set:`);
      for (const [path, ms] of [...r.byPath].sort((a, b) => b[1] - a[1])) out(`    ${ms.toFixed(1).padStart(8)}  ${decodeURIComponent(path).replace(/from=[^&]*&to=[^&]*&/, '')}`);
    }
  }
} finally {
  await service.stop();
}
