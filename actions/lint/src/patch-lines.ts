// Reading the hunks of a unified diff, as the pull-request files API sends
// them in each file's `patch` (and as `git diff` prints them): which lines
// of the new version a hunk shows, and which of those it adds.

/** A line of the new version of a file, as a hunk shows it. */
export interface NewSideLine {
  /** Its number in the new version, from 1. */
  readonly line: number
  readonly text: string
  /** Added by the change, rather than context around it. */
  readonly added: boolean
  /** Which hunk it is in, from 0: comment state does not carry across. */
  readonly hunk: number
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/

/** The new-side lines of every hunk, in order; removed lines are left out. */
export function newSideLines(patch: string): NewSideLine[] {
  const lines: NewSideLine[] = []
  let next: number | undefined
  let hunk = -1
  for (const raw of patch.split('\n')) {
    const start = HUNK.exec(raw)
    if (start !== null) {
      next = Number(start[1])
      hunk += 1
      continue
    }
    // Text before the first hunk (file headers) is not part of any hunk.
    if (next === undefined) continue
    const mark = raw[0]
    // `-` lines are gone from the new version; `\` says a line has no final
    // newline.
    if (mark === '-' || mark === '\\') continue
    const text = raw.replace(/\r$/, '')
    // Some tools strip the space of an empty context line.
    lines.push({
      line: next,
      text: mark === undefined ? '' : text.slice(1),
      added: mark === '+',
      hunk,
    })
    next += 1
  }
  return lines
}
