// Turns the scanner's matches into candidates, plain data a worker thread
// can hand back: a secret, its place, its line redacted and cut short, and
// for a tree scan any allow comment that covers it. Turned-down candidates
// become debug lines, redacted, up to a limit.
import type { Directives } from './directives.js'
import { redact, redactedSnippet } from './redact.js'
import type { Span } from './redact.js'
import type { RawMatch, Rejection, TextFindings } from './scan-text.js'
import type { Skipped } from './tree-source.js'

/** A secret found, before ignores and the baseline settle it. */
export interface Candidate {
  readonly ruleId: string
  /** In the clear, in memory only. */
  readonly secret: string
  readonly path: string
  /** 1-based, in the file as the scan read it. */
  readonly line: number
  readonly column: number
  /** Its line as scanned, every secret on it redacted, cut short. */
  readonly snippet: string
  readonly key?: string
  /** The commit that added it, in a commit scan. */
  readonly commit?: string
  /** The allow comment that covers it, found in a tree scan. */
  readonly allowed?: string
}

/** How much a scan read. */
export interface Coverage {
  files: number
  bytes: number
  skipped: Skipped
}

/** A scan's coverage before it has read anything. */
export function noCoverage(): Coverage {
  return { files: 0, bytes: 0, skipped: { binary: 0, large: [] } }
}

/** The debug lines of turned-down candidates a run writes at most. */
export const DEBUG_LIMIT = 500

/** Debug lines for turned-down candidates, up to DEBUG_LIMIT. */
export class DebugLines {
  readonly lines: string[] = []
  dropped = 0

  /** Notes why a candidate at `where` was turned down, redacted. */
  add(where: string, rejection: Rejection, line: number): void {
    if (this.lines.length >= DEBUG_LIMIT) {
      this.dropped += 1
      return
    }
    const value = rejection.column === undefined ? '' : ` ${shownAt(rejection)}`
    this.lines.push(
      `${where}:${line} ${rejection.ruleId}: not reported,${value} ${rejection.reason}`,
    )
  }

  /** Takes in the lines another scan (a worker's) kept. */
  merge(other: { lines: readonly string[]; dropped: number }): void {
    for (const line of other.lines) {
      if (this.lines.length < DEBUG_LIMIT) this.lines.push(line)
      else this.dropped += 1
    }
    this.dropped += other.dropped
  }
}

/** The start of the turned-down value, redacted like a finding. */
function shownAt(rejection: Rejection): string {
  const rest = rejection.line.slice((rejection.column ?? 1) - 1)
  const token = /^[^\s"'`,;]*/.exec(rest.slice(0, 400))?.[0] ?? ''
  return `${redact(token)}:`
}

/** Where a scanned text came from. */
export interface TextSource {
  readonly path: string
  /** The full text's allow comments; tree scans only. */
  readonly directives?: Directives
  readonly commit?: string
  /** The file's line number of each line of the text; 1-based, in order. */
  readonly lineNumbers?: readonly number[]
}

/** The candidates and debug lines of one scanned text. */
export function candidatesOf(
  found: TextFindings,
  source: TextSource,
  debug: DebugLines,
): Candidate[] {
  const lineOf = (index: number): number =>
    source.lineNumbers?.[index] ?? index + 1
  const where =
    source.commit === undefined
      ? source.path
      : `${source.path}@${source.commit.slice(0, 7)}`
  for (const rejection of found.rejections) {
    debug.add(where, rejection, lineOf(rejection.lineIndex))
  }
  const spans = spansByLine(found.matches)
  return found.matches.map((match) => {
    const allowed = source.directives?.allowReason(match.lineIndex)
    return {
      ruleId: match.rule.id,
      secret: match.secret,
      path: source.path,
      line: lineOf(match.lineIndex),
      column: match.column,
      snippet: redactedSnippet(
        match.line,
        spans.get(match.lineIndex) ?? [],
        match.column,
      ),
      ...(match.key === undefined ? {} : { key: match.key }),
      ...(source.commit === undefined ? {} : { commit: source.commit }),
      ...(allowed === undefined ? {} : { allowed }),
    }
  })
}

/** The secrets found on each line, for redacting every one of them. */
function spansByLine(matches: readonly RawMatch[]): Map<number, Span[]> {
  const byLine = new Map<number, Span[]>()
  for (const m of matches) {
    const spans = byLine.get(m.lineIndex) ?? []
    spans.push({ column: m.column, secret: m.secret })
    byLine.set(m.lineIndex, spans)
  }
  return byLine
}
