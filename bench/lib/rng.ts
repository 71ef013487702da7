// Seeded randomness, so a scale's dataset is the same on every machine and every run.

export type Rng = () => number

/** mulberry32: small, fast, good enough for test data (the seed uses the same generator). */
export function createRng(seed: number): Rng {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A stable seed from a label, so each generator step gets its own stream and adding a step changes no other. */
export function seedFrom(label: string): number {
  let h = 2166136261
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619)
  return h >>> 0
}

export function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng() * list.length)]!
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1))
}

/** Picks from `[value, weight]` pairs. */
export function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  let total = 0
  for (const [, w] of entries) total += w
  let r = rng() * total
  for (const [value, w] of entries) {
    r -= w
    if (r < 0) return value
  }
  return entries[entries.length - 1]![0]
}

/**
 * Zipf over ranks 0..n-1: rank k is drawn with weight 1/(k+1)^s. A few "whales" get most of the draws and the long
 * tail gets a handful each, which is what partners' deal counts (and words in company names) look like.
 */
export class Zipf {
  private readonly cumulative: Float64Array

  constructor(readonly n: number, readonly s: number) {
    this.cumulative = new Float64Array(n)
    let sum = 0
    for (let k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s)
      this.cumulative[k] = sum
    }
  }

  /** The expected share of all draws that goes to `rank`. */
  share(rank: number): number {
    const total = this.cumulative[this.n - 1]!
    return 1 / Math.pow(rank + 1, this.s) / total
  }

  sample(rng: Rng): number {
    const target = rng() * this.cumulative[this.n - 1]!
    let lo = 0
    let hi = this.n - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! < target) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'

/** Ids in the app's format (24 base32 characters, 120 bits; see app/utils/ids.ts) but reproducible. */
export function idMaker(rng: Rng): () => string {
  return () => {
    let out = ''
    for (let i = 0; i < 4; i++) {
      // 30 bits per draw, 6 characters of 5 bits each
      let bits = Math.floor(rng() * 1073741824)
      for (let j = 0; j < 6; j++) {
        out += ID_ALPHABET[bits & 31]
        bits >>>= 5
      }
    }
    return out
  }
}
