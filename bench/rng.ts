// Seeded pseudo-random numbers for the benchmark, so a corpus and a query mix are the same on
// every run and machine: mulberry32, plus weighted and Zipf-distributed picks.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to `weights[i]` (cumulative table, see cumulative()). */
  weighted(cumulativeWeights: readonly number[]): number;
  chance(probability: number): boolean;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (cumulativeWeights) => {
      const total = cumulativeWeights[cumulativeWeights.length - 1] ?? 0;
      const target = next() * total;
      let low = 0;
      let high = cumulativeWeights.length - 1;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (cumulativeWeights[mid]! > target) high = mid;
        else low = mid + 1;
      }
      return low;
    },
    chance: (probability) => next() < probability,
  };
  return rng;
}

/** Running sums of weights, for Rng.weighted. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
}

/** Zipf weights 1/rank^s for `count` ranks: a few names are everywhere, most are rare. */
export function zipfWeights(count: number, exponent: number): number[] {
  return Array.from({ length: count }, (_, index) => 1 / (index + 1) ** exponent);
}
