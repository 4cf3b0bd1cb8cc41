// Source line numbers as bits: two bits a line (instrumented, covered) keep
// a 100 MB report's line data in a few megabytes, and a union of two shards'
// reports is a byte-wise OR.

/** Line numbers above this are taken for garbage, not allocated for. */
export const MAX_LINE = 1 << 24

/** A growable set of non-negative integers below MAX_LINE. */
export class BitSet {
  private bytes: Uint8Array

  constructor(capacity = 64) {
    this.bytes = new Uint8Array(Math.max(1, Math.ceil(capacity / 8)))
  }

  /** Adds n; false (and nothing added) when n is out of range. */
  add(n: number): boolean {
    if (!Number.isInteger(n) || n < 0 || n >= MAX_LINE) return false
    const index = n >>> 3
    if (index >= this.bytes.length) this.grow(index + 1)
    this.bytes[index] = (this.bytes[index] ?? 0) | (1 << (n & 7))
    return true
  }

  has(n: number): boolean {
    const byte = this.bytes[n >>> 3]
    return byte !== undefined && (byte & (1 << (n & 7))) !== 0
  }

  /** How many numbers the set holds. */
  get size(): number {
    let count = 0
    for (const byte of this.bytes) count += POPCOUNT[byte] ?? 0
    return count
  }

  /** A new set holding the numbers of both. */
  union(other: BitSet): BitSet {
    const [long, short] =
      this.bytes.length >= other.bytes.length
        ? [this.bytes, other.bytes]
        : [other.bytes, this.bytes]
    const result = new BitSet(long.length * 8)
    result.bytes.set(long)
    for (let i = 0; i < short.length; i += 1) {
      result.bytes[i] = (long[i] ?? 0) | (short[i] ?? 0)
    }
    return result
  }

  /** The numbers in ascending order. */
  *values(): Generator<number> {
    for (let i = 0; i < this.bytes.length; i += 1) {
      const byte = this.bytes[i] ?? 0
      if (byte === 0) continue
      for (let bit = 0; bit < 8; bit += 1) {
        if ((byte & (1 << bit)) !== 0) yield i * 8 + bit
      }
    }
  }

  private grow(minBytes: number): void {
    const next = new Uint8Array(Math.max(minBytes, this.bytes.length * 2))
    next.set(this.bytes)
    this.bytes = next
  }
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, byte) => {
  let count = 0
  for (let b = byte; b !== 0; b >>= 1) count += b & 1
  return count
})
