import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every Prometheus family of one process, on a registry of its own (tests run many apps in one
 * process; the global registry would mix them). Label values are closed sets or ids of the
 * service's own making: route patterns, statuses, queue and subscriber names, ticket types,
 * languages, outcomes. Never a URL, a name, a body or an email (metrics.test.ts plants canaries).
 *
 * The families a process fills depend on its role: the API observes requests, classifications and
 * its pool; the worker observes jobs, SLA timers and webhook deliveries. Queue depths and relay
 * lag are read from Redis and Postgres at scrape time, so any process answers them alike.
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LAG = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    http: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP requests by route pattern (never the raw URL), method and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: SECONDS,
      registers,
    }),
    jobWait: new Histogram({
      name: 'queue_job_wait_seconds',
      help: 'From when a job was due (added, or its delay ended) to when a worker took it',
      labelNames: ['queue'] as const,
      buckets: LAG,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'queue_job_duration_seconds',
      help: 'How long a job ran, by queue and outcome (completed, failed, delayed: went off early and waits again)',
      labelNames: ['queue', 'outcome'] as const,
      buckets: SECONDS,
      registers,
    }),
    slaLateness: new Histogram({
      name: 'sla_timer_lateness_seconds',
      help: 'SLA timers that fired: fired-at minus due-at (the warning time for warnings)',
      labelNames: ['kind'] as const,
      buckets: LAG,
      registers,
    }),
    classifications: new Counter({
      name: 'classifications_total',
      help: 'Inquiries and tickets the model classified, by type and language',
      labelNames: ['type', 'language'] as const,
      registers,
    }),
    classificationConfidence: new Histogram({
      name: 'classification_confidence',
      help: "The model's confidence in the type it chose, by type and language",
      labelNames: ['type', 'language'] as const,
      buckets: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'webhook_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, retrying, given_up, disabled, superseded)',
      labelNames: ['outcome'] as const,
      registers,
    }),
    webhookLag: new Histogram({
      name: 'webhook_delivery_lag_seconds',
      help: 'From the event (the delivery was created) to the end of this attempt, by outcome',
      labelNames: ['outcome'] as const,
      buckets: LAG,
      registers,
    }),
    /** Set at scrape time (metrics.collectors.ts). */
    queueJobs: new Gauge({ name: 'queue_jobs', help: 'Jobs in each queue by state (waiting, active, delayed, prioritized, failed)', labelNames: ['queue', 'state'] as const, registers }),
    relayBehind: new Gauge({ name: 'relay_events_behind', help: 'Committed events a relay subscriber has not handled yet (counted up to 100,000)', labelNames: ['subscriber'] as const, registers }),
    relayOldest: new Gauge({ name: 'relay_oldest_unprocessed_seconds', help: 'Age of the oldest event a relay subscriber has not handled (0: caught up)', labelNames: ['subscriber'] as const, registers }),
    pool: new Gauge({ name: 'pg_pool_connections', help: "This process's Postgres pool: total, idle, and requests waiting for a connection", labelNames: ['state'] as const, registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
