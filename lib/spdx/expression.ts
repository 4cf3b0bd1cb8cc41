// SPDX license expressions as data (SPDX specification, annex D): license
// terms, each perhaps `+` and `WITH` an exception, joined by AND and OR.

/** One license: an SPDX id or a `LicenseRef-…`, perhaps with an exception. */
export interface LicenseTerm {
  readonly type: 'license'
  /** As SPDX spells it, or the LicenseRef as written. */
  readonly id: string
  /** Written with a trailing `+`: this version or any later one. */
  readonly plus: boolean
  /** The `WITH` exception, as SPDX spells it. */
  readonly exception?: string
}

/** Terms that all apply (AND) or of which the user picks one (OR). */
export interface CompoundExpression {
  readonly type: 'and' | 'or'
  readonly terms: readonly SpdxExpression[]
}

/** A parsed SPDX license expression. */
export type SpdxExpression = LicenseTerm | CompoundExpression

/** A term as SPDX writes it: `GPL-2.0-only WITH Classpath-exception-2.0`. */
export function termText(term: LicenseTerm): string {
  const base = `${term.id}${term.plus ? '+' : ''}`
  return term.exception === undefined ? base : `${base} WITH ${term.exception}`
}

/** An expression as SPDX writes it, inner compounds in parentheses. */
export function formatExpression(expression: SpdxExpression): string {
  if (expression.type === 'license') return termText(expression)
  const joiner = expression.type === 'and' ? ' AND ' : ' OR '
  return expression.terms
    .map((term) =>
      term.type === 'license' ? termText(term) : `(${formatExpression(term)})`,
    )
    .join(joiner)
}

/** Whether the expression offers a choice anywhere (an OR). */
export function hasChoice(expression: SpdxExpression): boolean {
  if (expression.type === 'license') return false
  return expression.type === 'or' || expression.terms.some(hasChoice)
}

/** An AND or OR of `terms`, flattened, or the one term alone. */
export function compound(
  type: CompoundExpression['type'],
  terms: readonly SpdxExpression[],
): SpdxExpression {
  const flat = terms.flatMap((term) =>
    term.type === type ? term.terms : [term],
  )
  const [first] = flat
  return flat.length === 1 && first !== undefined
    ? first
    : { type, terms: flat }
}
