// Scans a list of tracked files: the work of a tree scan, in the main
// thread or in a worker, taking and giving plain data only.
import type { Candidate, Coverage } from './collect.js'
import { DebugLines, candidatesOf, noCoverage } from './collect.js'
import { Directives } from './directives.js'
import { PROVIDER_RULES } from './rules/provider-rules.js'
import { TextScanner } from './scan-text.js'
import { readTreeFile } from './tree-source.js'

/** Which files to scan and how. */
export interface TreeJob {
  readonly root: string
  readonly paths: readonly string[]
  readonly maxBytes: number
  readonly explain: boolean
}

/** What scanning some files found. */
export interface TreeResult {
  readonly candidates: Candidate[]
  readonly coverage: Coverage
  readonly debug: { lines: string[]; dropped: number }
  /** How many threads scanned. */
  readonly threads?: number
}

/** Scans the job's files one after the other. */
export function scanTreeFiles(job: TreeJob): TreeResult {
  const scanner = new TextScanner(PROVIDER_RULES, job.explain)
  const coverage = noCoverage()
  const debug = new DebugLines()
  const candidates: Candidate[] = []
  for (const path of job.paths) {
    const file = readTreeFile(job.root, path, job.maxBytes, coverage.skipped)
    if (file === undefined) continue
    coverage.files += 1
    coverage.bytes += file.text.length
    const found = scanner.scan(file.text)
    if (found.matches.length === 0 && found.rejections.length === 0) continue
    const directives = new Directives(file.text)
    candidates.push(...candidatesOf(found, { path, directives }, debug))
  }
  return {
    candidates,
    coverage,
    debug: { lines: debug.lines, dropped: debug.dropped },
  }
}
