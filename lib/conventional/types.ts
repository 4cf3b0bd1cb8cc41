// The shapes of the Conventional Commits grammar shared by the release stage
// and the pull-request title check.

/** One footer: `Token: value` or `Token #value`. */
export interface Footer {
  /** The token as written (`BREAKING CHANGE`, `Refs`, `Release-As`). */
  token: string
  /** The value, continuation lines joined with newlines. */
  value: string
}

/** A message that follows the Conventional Commits 1.0.0 grammar. */
export interface ConventionalCommit {
  /** The type, lower-cased (`Feat` → `feat`). */
  type: string
  /** The scope inside the parentheses, when present and non-empty. */
  scope?: string
  /** Whether the commit is breaking: `!` before the colon or a footer. */
  breaking: boolean
  /**
   * What breaks: each BREAKING CHANGE / BREAKING-CHANGE footer value, or the
   * description when only `!` marks the break.
   */
  breakingNotes: string[]
  /** The text after `: ` on the header line, leading emoji kept unless stripped. */
  description: string
  /** The first line, as written. */
  header: string
  /** The body between the header and the footers, when present. */
  body?: string
  /** Every footer of the final paragraph, in order. */
  footers: Footer[]
  /** `Release-As: x.y.z` footer value (token case-insensitive), when present. */
  releaseAs?: string
  /** Set when the commit reverts another. */
  revert?: RevertTarget
}

/** What a revert commit names as the commit it reverts. */
export interface RevertTarget {
  /** The reverted commit's header, as quoted in `Revert "…"`. */
  header?: string
  /** The reverted commit's SHA, from `This reverts commit <sha>.` or `Refs:`. */
  sha?: string
}

/** Options of the grammar. */
export interface ParseOptions {
  /** Accept a leading emoji or :shortcode: before the type, and drop it. */
  stripLeadingEmoji?: boolean
}

/** The parser's answer: a commit, or why the message is not one. */
export type ParseResult =
  | { ok: true; commit: ConventionalCommit; warnings: string[] }
  | {
      ok: false
      /** Why the message is not conventional, in a few words. */
      reason: string
      /** A likely fix, when the mistake is a known one. */
      hint?: string
      warnings: string[]
    }
