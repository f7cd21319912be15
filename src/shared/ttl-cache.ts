/**
 * A short-lived copy of rows every request reads (policies, routing rules). Callers that find it
 * stale at the same moment share one read (50 intakes at once asked Postgres 50 times, each
 * inside its own transaction). `invalidate()` drops it at once, and a read in flight then is not
 * kept: it may have started before the change.
 */
export function createTtlCache<T, R>(ttlMs: number, load: (repos: R) => Promise<T>) {
  let cached: { rows: T; until: number } | undefined;
  let loading: Promise<T> | undefined;
  let generation = 0;
  return {
    async all(repos: R): Promise<T> {
      const now = Date.now();
      if (cached && cached.until > now) return cached.rows;
      if (loading) return loading;
      const started = generation;
      const read = load(repos);
      loading = read;
      try {
        const rows = await read;
        if (started === generation) cached = { rows, until: now + ttlMs };
        return rows;
      } finally {
        if (loading === read) loading = undefined;
      }
    },
    invalidate() {
      generation++;
      cached = undefined;
      loading = undefined;
    },
  };
}
