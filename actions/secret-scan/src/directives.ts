// Allow comments in the scanned files, in our words and in those of
// gitleaks and secretlint, so a repository moving from either keeps its
// comments: on the line (`gitleaks:allow`, `secretlint-disable-line`), on
// the line before (`secretlint-disable-next-line`), or around a block
// (`secretlint-disable` … `secretlint-enable`). They are found anywhere on
// a line, so they work in any comment syntax, `<!-- … -->` included.
// Rule names after a secretlint directive are not read: it allows all.

const SAME_LINE =
  /(?:cortex-secret-scan:allow|gitleaks:allow|secretlint-disable-line)(?![\w-])/
const NEXT_LINE =
  /(?:cortex-secret-scan:allow-next-line|secretlint-disable-next-line)(?![\w-])/
const DISABLE = /(?:cortex-secret-scan:disable|secretlint-disable)(?![\w-])/
const ENABLE = /(?:cortex-secret-scan:enable|secretlint-enable)(?![\w-])/

/** Every directive word, for a quick test that a text has none. */
const ANY = /cortex-secret-scan:|gitleaks:allow|secretlint-(?:disable|enable)/

/** The allow comments of one file's full text. */
export class Directives {
  private readonly lines: readonly string[]
  private disabledFrom: (number | undefined)[] | undefined

  constructor(text: string) {
    this.lines = ANY.test(text) ? text.split('\n') : []
  }

  /** Why line `index` (0-based) is allowed, or undefined when it is not. */
  allowReason(index: number): string | undefined {
    if (this.lines.length === 0) return undefined
    const line = this.lines[index] ?? ''
    const same = SAME_LINE.exec(line)
    if (same) return `allowed by ${same[0]} on the line`
    const next = NEXT_LINE.exec(this.lines[index - 1] ?? '')
    if (next) return `allowed by ${next[0]} on the line before`
    const from = this.regions()[index]
    if (from !== undefined) {
      const word = DISABLE.exec(this.lines[from] ?? '')?.[0] ?? 'a directive'
      return `allowed by ${word} on line ${from + 1}`
    }
    return undefined
  }

  /** For each line, the line of the block directive that covers it. */
  private regions(): (number | undefined)[] {
    if (this.disabledFrom) return this.disabledFrom
    let open: number | undefined
    this.disabledFrom = this.lines.map((line, index) => {
      if (ENABLE.test(line)) open = undefined
      else if (DISABLE.test(line)) open = index
      return open
    })
    return this.disabledFrom
  }
}
