import { z } from 'zod';
import { defineQueue } from '../../shared/jobs.ts';
import type { CrisisDetector } from './crisis-detector.ts';

export const CRISIS_QUEUE = 'crisis-detection';
/** The issue asks for at least every 30 s; a run costs a few milliseconds (README figures). */
export const DETECT_EVERY_MS = 15_000;

/** Crisis detection on a schedule: one BullMQ job scheduler across workers, and an advisory lock inside the run. */
export function crisisQueue(deps: { detector: CrisisDetector }) {
  return defineQueue({
    name: CRISIS_QUEUE,
    schema: z.object({ task: z.literal('detect') }),
    concurrency: 1,
    schedules: [{ id: 'crisis-detection', every: DETECT_EVERY_MS, data: { task: 'detect' } }],
    async handle(_data, { log }) {
      const run = await deps.detector.run();
      if (run.ms > 5_000) log.warn({ ms: run.ms }, 'crisis detection was slow');
    },
  });
}
