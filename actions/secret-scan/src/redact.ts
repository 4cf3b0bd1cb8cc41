// How a secret is shown: never in full. A finding keeps at most the first
// four characters (often just the provider's prefix, `ghp_`) and `****`;
// the line around it is cut to a window, with every secret on it redacted.

/** Characters kept of a secret: at most 4, and never more than a quarter. */
export function redact(secret: string): string {
  // A PEM body starts with its line break, written or escaped.
  const shown = secret.replace(/^(?:\s|\\[nr])+/, '')
  const keep = Math.min(4, Math.floor(shown.length / 4))
  return `${shown.slice(0, keep)}****`
}

/** A secret's place on its line: 1-based column and the secret. */
export interface Span {
  readonly column: number
  readonly secret: string
}

/** Characters a snippet shows before and after its secret. */
const BEFORE = 40
const AFTER = 80

/**
 * The line with every secret on it redacted, cut to a window around the
 * one at `focus` (a 1-based column), so a minified line of a megabyte shows
 * as one short line.
 */
export function redactedSnippet(
  line: string,
  spans: readonly Span[],
  focus: number,
): string {
  // Only a stretch of the line around the focus is redacted and cut, so a
  // megabyte of minified code costs no more than a short line; the stretch
  // grows to take in whole any secret its ends would cut through.
  const ranges = spans
    .map((s) => [s.column - 1, s.column - 1 + s.secret.length, s] as const)
    .sort((a, b) => a[0] - b[0])
  let from = Math.max(0, focus - 1 - 4 * AFTER)
  let to = Math.min(line.length, focus - 1 + 8 * AFTER)
  for (const [start, end] of ranges) {
    if (start < from && end > from) from = start
    if (start < to && end > to) to = end
  }
  let text = ''
  let at = -1
  let cursor = from
  for (const [start, end, span] of ranges) {
    if (start < cursor || end > to) continue
    text += line.slice(cursor, start)
    if (at < 0 || span.column === focus) at = text.length
    text += redact(span.secret)
    cursor = end
  }
  text += line.slice(cursor, to)
  const start = Math.max(0, at - BEFORE)
  const end = Math.min(text.length, Math.max(at, 0) + AFTER)
  const window = text.slice(start, end).trim()
  const cutBefore = start > 0 || from > 0
  const cutAfter = end < text.length || to < line.length
  return `${cutBefore ? '…' : ''}${window}${cutAfter ? '…' : ''}`
}
