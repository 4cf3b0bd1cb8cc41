// Reads `git log -p -U0` output as it streams: for each commit and file,
// the lines the commit added and their line numbers in the new file. Hunk
// lengths are counted, so a removed line that starts `--- ` or an added one
// that starts `+++ ` is never taken for a file header.
import type { Skipped } from './tree-source.js'

/** The lines one commit added to one file. */
export interface AddedText {
  readonly commit: string
  readonly path: string
  /** The added lines, joined with `\n`. */
  readonly text: string
  /** The new file's 1-based line number of each added line. */
  readonly lineNumbers: readonly number[]
}

/** Marks a commit line: `%x01%H` in the log format. */
export const COMMIT_MARK = '\u0001'

/** Splits a patch stream into added texts, one file of one commit at a time. */
export class PatchReader {
  private rest = ''
  private commit = ''
  private path: string | undefined
  private lines: string[] = []
  private numbers: number[] = []
  private bytes = 0
  private tooLarge = false
  private nextLine = 0
  private oldLeft = 0
  private newLeft = 0

  constructor(
    private readonly onText: (added: AddedText) => void,
    private readonly maxBytes: number,
    private readonly skipped: Skipped,
  ) {}

  /** Feeds the next piece of git's output. */
  push(chunk: string): void {
    const text = this.rest + chunk
    let from = 0
    for (
      let end = text.indexOf('\n');
      end >= 0;
      end = text.indexOf('\n', from)
    ) {
      this.line(text.slice(from, end))
      from = end + 1
    }
    this.rest = text.slice(from)
  }

  /** Ends the stream, handing on the last file. */
  end(): void {
    if (this.rest !== '') this.line(this.rest)
    this.rest = ''
    this.flush()
  }

  private line(line: string): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      this.hunkLine(line)
      return
    }
    if (line.startsWith(COMMIT_MARK)) {
      this.flush()
      this.commit = line.slice(1).trim()
    } else if (line.startsWith('diff --git ')) {
      this.flush()
    } else if (line.startsWith('+++ ')) {
      // git ends a name that holds a space with a tab, as diff(1) does.
      const path = unquote(line.slice(4).replace(/\t$/, ''))
      this.path = path === '/dev/null' ? undefined : path.replace(/^b\//, '')
    } else if (line.startsWith('Binary files ')) {
      this.skipped.binary += 1
    } else if (line.startsWith('@@ ')) {
      const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line)
      if (hunk === null) return
      this.oldLeft = Number(hunk[1] ?? '1')
      this.nextLine = Number(hunk[2])
      this.newLeft = Number(hunk[3] ?? '1')
    }
  }

  private hunkLine(line: string): void {
    const kind = line.charAt(0)
    if (kind === '\\') return
    if (kind === '-') {
      this.oldLeft -= 1
      return
    }
    if (kind !== '+') {
      // A context line; -U0 gives none, but a user's diff config might.
      this.oldLeft -= 1
      this.newLeft -= 1
      this.nextLine += 1
      return
    }
    this.newLeft -= 1
    const number = this.nextLine
    this.nextLine += 1
    if (this.path === undefined || this.tooLarge) return
    this.bytes += line.length
    if (this.bytes > this.maxBytes) {
      this.tooLarge = true
      return
    }
    this.lines.push(line.slice(1))
    this.numbers.push(number)
  }

  private flush(): void {
    const path = this.path
    if (path !== undefined && this.tooLarge) {
      if (!this.skipped.large.some((l) => l.path === path)) {
        this.skipped.large.push({ path, bytes: this.bytes })
      }
    } else if (path !== undefined && this.lines.length > 0) {
      this.onText({
        commit: this.commit,
        path,
        text: this.lines.join('\n'),
        lineNumbers: this.numbers,
      })
    }
    this.path = undefined
    this.lines = []
    this.numbers = []
    this.bytes = 0
    this.tooLarge = false
    this.oldLeft = 0
    this.newLeft = 0
  }
}

/** A path as git prints it: C-quoted when it holds unusual characters. */
export function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text
  const bytes: number[] = []
  const body = text.slice(1, -1)
  const escapes: Record<string, number> = {
    a: 7,
    b: 8,
    t: 9,
    n: 10,
    v: 11,
    f: 12,
    r: 13,
  }
  for (let i = 0; i < body.length; i += 1) {
    const char = body.charAt(i)
    if (char !== '\\') {
      bytes.push(...Buffer.from(char))
      continue
    }
    const next = body.charAt(i + 1)
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4))
    if (octal) {
      bytes.push(parseInt(octal[0], 8))
      i += 3
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
