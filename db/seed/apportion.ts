import { cumulativeWeights, type Random } from "./prng";

/** Distribute `total` items over buckets at random, each item landing with probability ∝ weight. */
export function apportionRandomly(random: Random, total: number, weights: number[]): number[] {
  const counts = new Array<number>(weights.length).fill(0);
  const cumulative = cumulativeWeights(weights);
  for (let i = 0; i < total; i++) {
    const k = random.pickWeighted(cumulative);
    counts[k] = (counts[k] as number) + 1;
  }
  return counts;
}
