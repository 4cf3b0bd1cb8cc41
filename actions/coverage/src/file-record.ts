// Builds one file's FileCoverage while a report is read, entry by entry.
// Whatever it keeps lives only until the file's record ends, so a reader
// holds one record's detail at a time, whatever the report's size.
import { BitSet, MAX_LINE } from './bit-set.js'
import type { FileCoverage, Metric } from './file-coverage.js'
import {
  POINTS_PER_LINE,
  countMetric,
  pointKey,
  withMetrics,
} from './file-coverage.js'

type Summary = { found: number; hit: number }

/** Points (branches or functions) named by line and an id on that line. */
class PointsBuilder {
  private readonly keyOf = new Map<string, number>()
  private readonly nextIndex = new Map<number, number>()
  private readonly covered = new Map<number, boolean>()

  /** Records one point; false when its line cannot be told apart. */
  add(line: number, id: string, hit: boolean): boolean {
    if (!Number.isSafeInteger(line) || line < 0) return false
    const name = `${line}\u0000${id}`
    let key = this.keyOf.get(name)
    if (key === undefined) {
      const index = this.nextIndex.get(line) ?? 0
      if (index >= POINTS_PER_LINE) return false
      this.nextIndex.set(line, index + 1)
      key = pointKey(line, index)
      this.keyOf.set(name, key)
    }
    this.covered.set(key, (this.covered.get(key) ?? false) || hit)
    return true
  }

  get empty(): boolean {
    return this.covered.size === 0
  }

  build(): Metric {
    const keys = Float64Array.from(this.covered.keys()).sort()
    const covered = Uint8Array.from(keys, (key) =>
      this.covered.get(key) === true ? 1 : 0,
    )
    return { kind: 'points', keys, covered }
  }
}

/** One file's entries as a report gives them. */
export class FileRecord {
  private instrumented: BitSet | undefined
  private coveredLines: BitSet | undefined
  private readonly branchPoints = new PointsBuilder()
  private readonly functionPoints = new PointsBuilder()
  private readonly summaries: Partial<
    Record<'lines' | 'branches' | 'functions', Summary>
  > = {}

  /** The file's path exactly as the report wrote it. */
  constructor(readonly rawPath: string) {}

  /** A line executed `hits` times; false when the line number is unusable. */
  line(line: number, hits: number): boolean {
    if (!Number.isInteger(line) || line < 0 || line >= MAX_LINE) return false
    this.instrumented ??= new BitSet(line + 1)
    this.coveredLines ??= new BitSet(line + 1)
    if (!this.instrumented.add(line)) return false
    if (hits > 0) this.coveredLines.add(line)
    return true
  }

  /** A branch on `line`, told apart from the line's others by `id`. */
  branch(line: number, id: string, taken: boolean): boolean {
    return this.branchPoints.add(line, id, taken)
  }

  /** A function starting on `line`, told apart by `id` (its name). */
  function(line: number, id: string, hit: boolean): boolean {
    return this.functionPoints.add(line, id, hit)
  }

  /** Counts only (lcov's LF/LH and the like), used when no detail comes. */
  summary(
    metric: 'lines' | 'branches' | 'functions',
    found: number,
    hit: number,
  ): void {
    this.summaries[metric] = { found, hit }
  }

  /** The record as coverage of `path`: detail where given, else counts. */
  build(path: string): FileCoverage {
    const counted = (name: keyof typeof this.summaries): Metric | undefined => {
      const summary = this.summaries[name]
      return summary && countMetric(summary.hit, summary.found)
    }
    return withMetrics(path, {
      lines:
        this.instrumented && this.coveredLines
          ? {
              kind: 'lines',
              instrumented: this.instrumented,
              covered: this.coveredLines,
            }
          : counted('lines'),
      branches: this.branchPoints.empty
        ? counted('branches')
        : this.branchPoints.build(),
      functions: this.functionPoints.empty
        ? counted('functions')
        : this.functionPoints.build(),
    })
  }
}
