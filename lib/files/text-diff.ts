/** A file the release would change, before and after. */
export interface FileChange {
  path: string
  before: string | undefined
  after: string
}

type Op = { kind: ' ' | '-' | '+'; line: string }

/** Lines of context around each change. */
const CONTEXT = 2
/** Above this many cells the middle is shown as one replaced block. */
const MAX_CELLS = 4_000_000

/**
 * A unified diff of one change, for a dry run's summary, its path shown
 * from the repository's root (`prefix`: the working directory's path). The common head
 * and tail are trimmed first, so the line-by-line comparison only runs on
 * the few lines a release touches, however long the changelog is.
 */
export function renderDiff(change: FileChange, prefix = ''): string {
  const a = change.before === undefined ? [] : splitLines(change.before)
  const b = splitLines(change.after)
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
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => ({ kind: ' ', line })),
    ...middleOps(
      a.slice(head, a.length - tail),
      b.slice(head, b.length - tail),
    ),
    ...a.slice(a.length - tail).map((line): Op => ({ kind: ' ', line })),
  ]
  const path = `${prefix}${change.path}`
  const from = change.before === undefined ? '/dev/null' : `a/${path}`
  const body = hunks(ops)
  body.unshift(`--- ${from}`, `+++ b/${path}`)
  return body.join('\n')
}

// A last line without its newline is told apart from one with it, so the
// diff can say so the way diff and git do.
const NO_NEWLINE = '\u0000'

/** The lines of a text; a final newline ends the last line, not a new one. */
function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  else lines[lines.length - 1] += NO_NEWLINE
  return lines
}

function printed(op: Op): string[] {
  if (!op.line.endsWith(NO_NEWLINE)) return [`${op.kind}${op.line}`]
  return [`${op.kind}${op.line.slice(0, -1)}`, '\\ No newline at end of file']
}

// `start,count` as unified diffs write it: the count left out when 1, and
// the line before the hunk (0 at the top) when the side is empty.
function range(before: number, count: number): string {
  if (count === 1) return `${before + 1}`
  return `${count === 0 ? before : before + 1},${count}`
}

/**
 * The edit script of the middle lines. Lists of the same length are
 * compared line by line (in-place edits, the usual case for a release or a
 * manifest update, at any size); others by longest common subsequence when
 * small enough, else as one replaced block.
 */
function middleOps(a: string[], b: string[]): Op[] {
  if (a.length === b.length) return pairwise(a, b)
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((line): Op => ({ kind: '-', line })),
      ...b.map((line): Op => ({ kind: '+', line })),
    ]
  }
  const width = b.length + 1
  const lcs = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0)
    }
  }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i++] ?? '' })
      j++
    } else if (
      i < a.length &&
      (j === b.length ||
        (lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0))
    ) {
      ops.push({ kind: '-', line: a[i++] ?? '' })
    } else {
      ops.push({ kind: '+', line: b[j++] ?? '' })
    }
  }
  return ops
}

function pairwise(a: string[], b: string[]): Op[] {
  const ops: Op[] = []
  a.forEach((line, i) => {
    const other = b[i] ?? ''
    if (line === other) ops.push({ kind: ' ', line })
    else ops.push({ kind: '-', line }, { kind: '+', line: other })
  })
  return ops
}

/** Groups an edit script into hunks with their `@@ -a,n +b,m @@` headers. */
function hunks(ops: Op[]): string[] {
  const out: string[] = []
  let k = 0
  while (k < ops.length) {
    while (k < ops.length && ops[k]?.kind === ' ') k++
    if (k === ops.length) break
    let start = Math.max(0, k - CONTEXT)
    while (start > 0 && ops[start - 1]?.kind !== ' ') start--
    let end = k
    let quiet = 0
    while (end < ops.length && quiet <= 2 * CONTEXT) {
      quiet = ops[end]?.kind === ' ' ? quiet + 1 : 0
      end++
    }
    end = Math.min(ops.length, end - Math.max(0, quiet - CONTEXT))
    const [oldStart, newStart] = position(ops, start)
    const part = ops.slice(start, end)
    const oldCount = part.filter((o) => o.kind !== '+').length
    const newCount = part.filter((o) => o.kind !== '-').length
    // One push a line: a spread of a hunk of 100 000 lines into push()
    // would overflow the call stack.
    out.push(
      `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`,
    )
    for (const op of part) for (const line of printed(op)) out.push(line)
    k = end
  }
  return out
}

function position(ops: Op[], index: number): [number, number] {
  let oldLine = 0
  let newLine = 0
  for (const op of ops.slice(0, index)) {
    if (op.kind !== '+') oldLine++
    if (op.kind !== '-') newLine++
  }
  return [oldLine, newLine]
}
