// The lines a diff adds, per file, from `git diff --unified=0`, and how many
// of them the reports say ran. Only added lines count: a removed line has
// no coverage to speak of, and the line numbers are those of the tree the
// tests ran on (HEAD).
import type { Git } from '../../../lib/git/index.js'
import type { CoverageMap } from './coverage-map.js'
import type { Counts } from './file-coverage.js'

/** Added line numbers per repository path, ascending. */
export type ChangedLines = ReadonlyMap<string, readonly number[]>

/** One changed file and its changed-line coverage. */
export interface ChangedFile {
  readonly path: string
  /** Lines the diff adds. */
  readonly added: number
  /**
   * `lines`: the reports say line by line; `counts`: only totals, so its
   * changed lines cannot be told; `none`: no report mentions the file.
   */
  readonly detail: 'lines' | 'counts' | 'none'
  /** Of the added lines, those instrumented and those of them that ran. */
  readonly changed: Counts
}

/** The diff's coverage: all changed files, and their lines summed. */
export interface ChangedCoverage {
  readonly counts: Counts
  readonly files: readonly ChangedFile[]
}

/**
 * The lines `HEAD` adds since its merge base with `base` (`base...HEAD`),
 * paths relative to the git's working folder.
 */
export async function readChangedLines(
  git: Git,
  base: string,
): Promise<ChangedLines> {
  const reader = new DiffReader()
  await git.stream(
    [
      '-c',
      'core.quotePath=false',
      'diff',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--unified=0',
      '--find-renames',
      // Fixed prefixes, whatever diff.noprefix or diff.mnemonicPrefix say.
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--relative',
      `${base}...HEAD`,
    ],
    (text) => reader.write(text),
  )
  return reader.end()
}

/** Reads unified-diff text as it arrives, keeping only added line numbers. */
export class DiffReader {
  private readonly files = new Map<string, number[]>()
  private rest = ''
  private current: number[] | undefined
  /** Lines of the hunk still to come, old side and new side. */
  private oldLeft = 0
  private newLeft = 0

  write(text: string): void {
    const lines = (this.rest + text).split('\n')
    this.rest = lines.pop() ?? ''
    for (const line of lines) this.line(line)
  }

  end(): ChangedLines {
    if (this.rest !== '') this.line(this.rest)
    this.rest = ''
    return this.files
  }

  private line(line: string): void {
    // Inside a hunk every line is content, even one that reads `+++ x`.
    if (this.oldLeft > 0 || this.newLeft > 0) {
      if (line.startsWith('-')) this.oldLeft -= 1
      else if (line.startsWith('+')) this.newLeft -= 1
      return
    }
    if (line.startsWith('diff ')) this.current = undefined
    else if (line.startsWith('+++ ')) {
      const name = unquote(line.slice(4).trimEnd())
      if (name.startsWith('b/')) {
        const path = name.slice(2)
        this.current = this.files.get(path) ?? []
        this.files.set(path, this.current)
      } else this.current = undefined
    } else if (line.startsWith('@@')) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line)
      if (hunk === null) return
      this.oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1])
      const start = Number(hunk[2])
      this.newLeft = hunk[3] === undefined ? 1 : Number(hunk[3])
      for (let i = 0; i < this.newLeft; i += 1) this.current?.push(start + i)
    }
  }
}

/** Each changed file's coverage, from the map's per-line data. */
export function changedCoverage(
  map: CoverageMap,
  changed: ChangedLines,
): ChangedCoverage {
  const files: ChangedFile[] = []
  let covered = 0
  let total = 0
  for (const path of [...changed.keys()].sort()) {
    const added = changed.get(path) ?? []
    if (added.length === 0) continue
    const lines = map.get(path)?.lines
    if (lines === undefined || lines.kind !== 'lines') {
      const detail = lines === undefined ? 'none' : 'counts'
      files.push({ path, added: added.length, detail, changed: zero() })
      continue
    }
    let fileCovered = 0
    let fileTotal = 0
    for (const n of added) {
      if (!lines.instrumented.has(n)) continue
      fileTotal += 1
      if (lines.covered.has(n)) fileCovered += 1
    }
    covered += fileCovered
    total += fileTotal
    files.push({
      path,
      added: added.length,
      detail: 'lines',
      changed: { covered: fileCovered, total: fileTotal },
    })
  }
  return { counts: { covered, total }, files }
}

/** A path as git writes it: bare, or in quotes with C escapes and octal bytes. */
export function unquote(name: string): string {
  if (name.length < 2 || !name.startsWith('"') || !name.endsWith('"')) {
    return name
  }
  const body = name.slice(1, -1)
  const bytes: Buffer[] = []
  let i = 0
  while (i < body.length) {
    const slash = body.indexOf('\\', i)
    const end = slash < 0 ? body.length : slash
    if (end > i) bytes.push(Buffer.from(body.slice(i, end)))
    if (slash < 0) break
    const octal = /^[0-7]{3}/.exec(body.slice(slash + 1, slash + 4))
    if (octal) {
      bytes.push(Buffer.of(parseInt(octal[0], 8)))
      i = slash + 4
    } else {
      const next = body[slash + 1] ?? ''
      bytes.push(Buffer.from(ESCAPES[next] ?? next))
      i = slash + 2
    }
  }
  return Buffer.concat(bytes).toString('utf8')
}

const ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
}

function zero(): Counts {
  return { covered: 0, total: 0 }
}
