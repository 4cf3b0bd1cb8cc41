// istanbul's json-summary reporter (coverage-summary.json): per file the
// counts of lines, branches and functions. It has no per-line data, so its
// files count in the totals but not in changed-line coverage, and any
// detailed report of the same file wins over it. The file is read whole:
// it holds four small objects a source file, a few megabytes at most.
import { readFile } from 'node:fs/promises'
import type { Metric } from './file-coverage.js'
import { countMetric, withMetrics } from './file-coverage.js'
import type { ReportRead, ReportSink } from './report-sink.js'

/** Reads a coverage-summary.json into the sink. */
export async function readJsonSummary(
  file: string,
  sink: ReportSink,
): Promise<ReportRead> {
  const text = await readFile(file, 'utf8')
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${file} is not valid JSON: ${reason}`)
  }
  if (!isRecord(parsed)) {
    throw new Error(`${file} is not an istanbul json-summary: not an object`)
  }
  let files = 0
  let ignored = 0
  for (const [key, entry] of Object.entries(parsed)) {
    // "total" is istanbul's own sum, rounded pct included: ours is computed.
    if (key === 'total') continue
    if (isRecord(entry) && 'statementMap' in entry) {
      throw new Error(
        `${file} is istanbul's coverage-final.json, not a json-summary: add the \`json-summary\` or \`lcov\` reporter and read that`,
      )
    }
    const metrics = isRecord(entry)
      ? {
          lines: counts(entry.lines),
          branches: counts(entry.branches),
          functions: counts(entry.functions),
        }
      : {}
    if (Object.values(metrics).every((m) => m === undefined)) {
      ignored += 1
      continue
    }
    sink.add(withMetrics(sink.place(key), metrics))
    files += 1
  }
  return { format: 'json-summary', files, ignored }
}

/** `{total, covered, ...}` as counts; undefined when not that shape. */
function counts(value: unknown): Metric | undefined {
  if (!isRecord(value)) return undefined
  const { total, covered } = value
  if (typeof total !== 'number' || typeof covered !== 'number') {
    return undefined
  }
  if (!Number.isFinite(total) || !Number.isFinite(covered)) return undefined
  return countMetric(covered, total)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
