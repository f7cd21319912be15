/** A seeded PRNG (mulberry32) and the draws the generator needs: repeatable history for a seed. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random = {
    next,
    /** An integer in [0, n). */
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    /** One of the keys, by weight. */
    weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
      const entries = Object.entries(weights) as [K, number][];
      let x = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [key, w] of entries) if ((x -= w) < 0) return key;
      return entries[entries.length - 1]![0];
    },
    /** Log-normal with this median and spread (sigma of the log). */
    logNormal(median: number, sigma: number): number {
      const u = Math.max(next(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return median * Math.exp(sigma * z);
    },
  };
  return random;
}

export type Random = ReturnType<typeof createRandom>;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let counter = 0;

/** Ids shaped like the service's (`tkt_` + time + 16 characters), unique within a run and across runs (random tail). */
export function seedId(prefix: string, at: number, random: Random): string {
  let tail = (counter++).toString(32).padStart(8, '0');
  for (let i = 0; i < 8; i++) tail += ALPHABET[random.int(32)];
  return `${prefix}_${Math.floor(at).toString(32).padStart(9, '0')}${tail}`;
}
