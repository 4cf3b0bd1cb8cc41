// A commit scan: the added lines of each file of each commit in the range,
// as git streams them, through the same scanner as a tree scan.
import type { Git } from '../../../lib/git/index.js'
import type { Candidate, Coverage } from './collect.js'
import { DebugLines, candidatesOf, noCoverage } from './collect.js'
import type { CommitRange } from './history-source.js'
import { readAddedLines } from './history-source.js'
import type { TextScanner } from './scan-text.js'

/** What a commit scan found. */
export interface HistoryResult {
  readonly candidates: Candidate[]
  readonly coverage: Coverage
  readonly debug: DebugLines
}

/** Scans the lines the range's commits added. */
export async function scanHistory(
  git: Git,
  range: CommitRange,
  scanner: TextScanner,
  maxBytes: number,
): Promise<HistoryResult> {
  const coverage = noCoverage()
  const debug = new DebugLines()
  const candidates: Candidate[] = []
  await readAddedLines(git, range, maxBytes, coverage.skipped, (added) => {
    coverage.files += 1
    coverage.bytes += added.text.length
    const found = scanner.scan(added.text)
    const source = {
      path: added.path,
      commit: added.commit,
      lineNumbers: added.lineNumbers,
    }
    candidates.push(...candidatesOf(found, source, debug))
  })
  return { candidates, coverage, debug }
}
