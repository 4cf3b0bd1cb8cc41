// Shannon entropy of a candidate value, in bits per character: a random
// token scores high, a word, a name or a repeated pattern low.

// Counts for ASCII, reused: the generic rule asks this of every candidate.
const ascii = new Int32Array(128)

/** Bits per character of `text`; 0 for an empty string. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0
  const other = new Map<number, number>()
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (code < 128) ascii[code] = (ascii[code] ?? 0) + 1
    else other.set(code, (other.get(code) ?? 0) + 1)
  }
  let bits = 0
  const add = (count: number): void => {
    const p = count / text.length
    bits -= p * Math.log2(p)
  }
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    const count = code < 128 ? (ascii[code] ?? 0) : 0
    if (count > 0) {
      add(count)
      ascii[code] = 0
    }
  }
  for (const count of other.values()) add(count)
  return bits
}

/**
 * The entropy a value of this length must reach to count as random: at
 * most 3.2 bits, less for short values, whose entropy cannot be high (8
 * distinct characters give 3 bits at best).
 */
export function entropyFloor(length: number): number {
  return Math.min(3.2, 0.8 * Math.log2(Math.max(length, 2)))
}
