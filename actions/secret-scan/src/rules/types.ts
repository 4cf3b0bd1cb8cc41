// What a secret rule is: an id code scanning shows, literal keywords that a
// text must contain before the rule's pattern is tried (the prefilter that
// keeps a scan fast), and a check that turns a match down with a reason.

/** What reports say about a rule. */
export interface RuleInfo {
  /** Stable, kebab-case: code scanning, ignore files and baselines use it. */
  readonly id: string
  /** What the rule finds, as a person says it: `GitHub token`. */
  readonly description: string
  /** 0.0 to 10.0, as code scanning's security severity. */
  readonly severity: number
}

/** One rule that finds one kind of secret by its pattern. */
export interface SecretRule extends RuleInfo {
  /**
   * Literal strings, case as written, one of which is in every match: a
   * line without any is never tried.
   */
  readonly keywords: readonly string[]
  /**
   * A global (`g`) pattern; its named group `secret` is the secret, the
   * whole match when there is none. Patterns are tried on one line, or on
   * the text from the line on when `multiline`.
   */
  readonly pattern: RegExp
  /** Matches may span lines (PEM armour). */
  readonly multiline?: boolean
  /** Why this match is no secret, or undefined when it is one. */
  readonly reject?: (
    secret: string,
    match: RegExpExecArray,
  ) => string | undefined
}
