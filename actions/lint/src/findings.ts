// What every check reports: findings, each about one pull request and, for
// an added line, one place in one file.

/** The checks, as the `checks` input names them, in the order they run. */
export const CHECKS = ['title', 'description', 'branch', 'added-lines'] as const

/** One of the checks. */
export type CheckName = (typeof CHECKS)[number]

/** A regular expression, and how it was written (for messages). */
export interface WrittenPattern {
  readonly source: string
  readonly regex: RegExp
}

/** One thing wrong with a pull request, said so its author can fix it. */
export interface Finding {
  check: CheckName
  message: string
  /** How to fix it, when there is a likely fix. */
  hint?: string
  /** For an added line: the file, repository-relative. */
  file?: string
  /** For an added line: its number in the new version of the file. */
  line?: number
  /** The pull request, when it has a number (not on a laptop). */
  pull?: number
}
