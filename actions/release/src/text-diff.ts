/** A file the release would change, before and after. */
export interface FileChange {
  path: string
  before: string | undefined
  after: string
}

/**
 * A short unified-style diff of one change: the lines between the common
 * head and tail, with two lines of context. Enough for a dry run's summary,
 * where a release changes a few lines of each file.
 */
export function renderDiff(change: FileChange): string {
  const a = change.before === undefined ? [] : change.before.split('\n')
  const b = change.after.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++
  }
  const from = Math.max(0, head - 2)
  const lines = [
    `--- ${change.before === undefined ? '/dev/null' : `a/${change.path}`}`,
    `+++ b/${change.path}`,
    `@@ -${from + 1} +${from + 1} @@`,
    ...a.slice(from, head).map((l) => ` ${l}`),
    ...a.slice(head, a.length - tail).map((l) => `-${l}`),
    ...b.slice(head, b.length - tail).map((l) => `+${l}`),
    ...b.slice(b.length - tail, b.length - tail + 2).map((l) => ` ${l}`),
  ]
  return lines.join('\n')
}
