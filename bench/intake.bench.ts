// `npm run bench`: intake throughput. autocannon against POST /v1/inquiries with unique bodies,
// 50 connections, 20 s, the service running as its own process on the embedded default.
import autocannon from 'autocannon';
import { startService } from './start-service.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CHANNELS = ['weibo', 'wechat', 'douyin', 'email', 'web', 'chat'];
const BODIES = [
  '我的订单三天了还没发货，请帮忙查一下物流',
  'The app crashes every time I open my order history. Please fix it.',
  '請問會員積分可以換購哪些商品？',
  'It would be great if you added a dark mode to the app.',
  '建议增加夜间客服，晚上有问题找不到人',
];

const service = await startService();
process.stdout.write(`service up at ${service.url}; warming up…\n`);

// BENCH_ROUND_ROBIN=1: the worst case of routing, every ticket taking one team's round-robin turn
// (five agents), so every intake queues on that team's row lock for the rest of its transaction.
if (process.env.BENCH_ROUND_ROBIN === '1') {
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${service.adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const team = await call('/v1/teams', { name: 'Bench' });
  for (let i = 0; i < 5; i++) await call('/v1/agents', { name: `Bench ${i}`, email: `bench${i}@example.com`, password: 'bench password', teamId: team.id });
  await call('/v1/routing-rules', { name: 'Everything in turn', position: 1, actions: [{ type: 'assign_round_robin', teamId: team.id }] });
}

let counter = 0;
const run = (duration: number) =>
  autocannon({
    url: `${service.url}/v1/inquiries`,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: { authorization: `Bearer ${service.adminKey}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const n = counter++;
          return {
            ...request,
            body: JSON.stringify({
              channel: CHANNELS[n % CHANNELS.length],
              externalId: `bench-${process.pid}-${n}`,
              // one customer in four writes again, so customer lookups hit existing rows too
              customer: { externalId: `bench-user-${n % 4 === 0 ? n % 1000 : n}`, name: `Customer ${n}` },
              body: `${BODIES[n % BODIES.length]} #${n}`,
            }),
          };
        },
      },
    ],
  });

try {
  await run(3);
  const result = await run(DURATION_S);
  const non2xx = result.non2xx + result.errors + result.timeouts;
  const lines = [
    '',
    `intake: POST /v1/inquiries, ${CONNECTIONS} connections, ${DURATION_S} s, unique bodies${process.env.BENCH_ROUND_ROBIN === '1' ? ', every ticket round-robin in one team' : ''}`,
    `  requests/s   avg ${result.requests.average.toFixed(0)}  (p50 ${result.requests.p50}, min ${result.requests.min})`,
    `  latency ms   p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
    `  total        ${result.requests.total} requests, ${non2xx} non-2xx/errors/timeouts`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
} finally {
  await service.stop();
}
