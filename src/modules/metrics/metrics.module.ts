import type pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { QueueHandles } from '../../shared/queue-handles.ts';
import type { Classification } from '../classification/classification.schemas.ts';
import { routes, type FeatureModule } from '../module.ts';
import { createScrapeCollectors } from './metrics.collectors.ts';
import { createMetrics, type Metrics } from './metrics.registry.ts';
import { metricsRoutes } from './metrics.routes.ts';

export interface MetricsScrape {
  /** The exposition text, after reading the scrape-time figures. */
  text(): Promise<string>;
}

/** What features report into, each the narrow part it uses (no feature imports prom-client). */
export interface Observers {
  http(method: string, route: string, status: number, seconds: number): void;
  classified(result: Pick<Classification, 'type' | 'language' | 'confidence'>): void;
  job(queue: string, outcome: 'completed' | 'failed' | 'delayed', seconds: number, waitedSeconds: number | null): void;
  slaTimerFired(kind: 'warning' | 'breach', latenessSeconds: number): void;
  webhookAttempt(outcome: string, lagSeconds: number): void;
}

export function observersOf(metrics: Metrics): Observers {
  return {
    http: (method, route, status, seconds) => metrics.http.observe({ method, route, status: String(status) }, seconds),
    classified(result) {
      const labels = { type: result.type ?? 'unknown', language: result.language ?? 'other' };
      metrics.classifications.inc(labels);
      metrics.classificationConfidence.observe(labels, result.confidence);
    },
    job(queue, outcome, seconds, waitedSeconds) {
      metrics.jobDuration.observe({ queue, outcome }, seconds);
      if (waitedSeconds !== null) metrics.jobWait.observe({ queue }, Math.max(0, waitedSeconds));
    },
    slaTimerFired: (kind, lateness) => metrics.slaLateness.observe({ kind }, Math.max(0, lateness)),
    webhookAttempt(outcome, lag) {
      metrics.webhookDeliveries.inc({ outcome });
      metrics.webhookLag.observe({ outcome }, Math.max(0, lag));
    },
  };
}

/**
 * Metrics: the registry of this process, the observers features report into, `GET /metrics`.
 * `queueNames` comes after the modules are built (it lists their queues), hence `bind`.
 */
export function metricsModule(deps: { db: Database; pool: pg.Pool; clock: Clock; logger: Logger }) {
  const metrics = createMetrics();
  let collectors: ReturnType<typeof createScrapeCollectors> | null = null;
  const scrape: MetricsScrape = {
    async text() {
      await collectors?.refresh();
      return metrics.registry.metrics();
    },
  };
  const module: FeatureModule = {
    name: 'metrics',
    routes: [routes(metricsRoutes, { scrape })],
  };
  return {
    metrics,
    observers: observersOf(metrics),
    scrape,
    module,
    /** The queues whose depths a scrape reads (known once every module is built). */
    bind(queues: QueueHandles) {
      collectors = createScrapeCollectors({ ...deps, metrics, queues });
    },
  };
}
