// Seeded randomness for property tests without a library: a failure is
// replayed from its seed.

/** A linear congruential generator of numbers in [0, 1) from a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** `count` strings, each up to `maxPieces` pieces glued together. */
export function randomStrings(
  seed: number,
  count: number,
  pieces: readonly string[],
  maxPieces: number,
): string[] {
  const next = seededRandom(seed)
  return Array.from({ length: count }, () => {
    const length = Math.floor(next() * maxPieces)
    return Array.from(
      { length },
      () => pieces[Math.floor(next() * pieces.length)] ?? '',
    ).join('')
  })
}
