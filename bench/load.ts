import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  connections: number;
  durationS: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  errors: number;
}

/** One autocannon run: `body(n)` builds the n-th request (unique bodies, ids, statuses). */
export async function load(options: {
  label: string;
  url: string;
  method: 'POST' | 'PATCH';
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  request: (n: number) => { path?: string; body: unknown; headers?: Record<string, string> };
}): Promise<LoadResult> {
  let counter = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    method: options.method,
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [
      {
        setupRequest: (request) => {
          const built = options.request(counter++);
          return {
            ...request,
            ...(built.path ? { path: built.path } : {}),
            ...(built.headers ? { headers: { ...request.headers, ...built.headers } } : {}),
            body: JSON.stringify(built.body),
          };
        },
      },
    ],
  });
  return {
    label: options.label,
    connections: options.connections,
    durationS: options.durationS,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

export const formatLoad = (r: LoadResult) =>
  `  ${r.label.padEnd(26)} ${String(r.connections).padStart(3)} conn  ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  max ${String(r.max).padStart(5)} ms  ${r.errors} errors / ${r.total}`;
