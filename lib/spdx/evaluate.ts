// An expression judged against allow and deny lists. OR: the user may pick
// any branch, so one allowed branch is enough (and is reported as the
// choice); AND: every term must be allowed; WITH: only the exact `X WITH Y`
// entry allows it, since an exception changes what the license asks.
import type { LicenseTerm, SpdxExpression } from './expression.js'
import { formatExpression, hasChoice, termText } from './expression.js'
import type { PolicyEntry } from './policy.js'

/** Allowed and denied licenses; an empty allow list allows all not denied. */
export interface LicensePolicy {
  readonly allow: readonly PolicyEntry[]
  readonly deny: readonly PolicyEntry[]
}

/** What the policy says of one expression. */
export interface LicenseVerdict {
  readonly allowed: boolean
  /** For an allowed expression with a choice: the licenses picked (`MIT`). */
  readonly chosen?: string
  /** Terms a deny-list entry names, as written by SPDX. */
  readonly denied: readonly string[]
  /** Terms the allow list does not name. */
  readonly notAllowed: readonly string[]
}

interface Judged {
  allowed: boolean
  /** The allowed reading, as an expression. */
  chosen?: SpdxExpression
  denied: string[]
  notAllowed: string[]
}

/** Judges `expression` against `policy`. */
export function evaluateLicense(
  expression: SpdxExpression,
  policy: LicensePolicy,
): LicenseVerdict {
  const judged = judge(expression, policy)
  const chosen =
    judged.allowed && judged.chosen !== undefined && hasChoice(expression)
      ? formatExpression(judged.chosen)
      : undefined
  return {
    allowed: judged.allowed,
    ...(chosen === undefined ? {} : { chosen }),
    denied: judged.allowed ? [] : unique(judged.denied),
    notAllowed: judged.allowed ? [] : unique(judged.notAllowed),
  }
}

function judge(expression: SpdxExpression, policy: LicensePolicy): Judged {
  if (expression.type === 'license') return judgeTerm(expression, policy)
  const parts = expression.terms.map((term) => judge(term, policy))
  if (expression.type === 'or') {
    const pick = parts.find((part) => part.allowed)
    if (pick !== undefined) return pick
    return {
      allowed: false,
      denied: parts.flatMap((p) => p.denied),
      notAllowed: parts.flatMap((p) => p.notAllowed),
    }
  }
  const failing = parts.filter((part) => !part.allowed)
  if (failing.length > 0) {
    return {
      allowed: false,
      denied: failing.flatMap((p) => p.denied),
      notAllowed: failing.flatMap((p) => p.notAllowed),
    }
  }
  const chosen = parts.map((p) => p.chosen).filter((c) => c !== undefined)
  return {
    allowed: true,
    chosen: { type: 'and', terms: chosen },
    denied: [],
    notAllowed: [],
  }
}

function judgeTerm(term: LicenseTerm, policy: LicensePolicy): Judged {
  const text = termText(term)
  if (policy.deny.some((entry) => matches(entry, term, 'deny'))) {
    return { allowed: false, denied: [text], notAllowed: [] }
  }
  const allowed =
    policy.allow.length === 0 ||
    policy.allow.some((entry) => matches(entry, term, 'allow'))
  return allowed
    ? { allowed: true, chosen: term, denied: [], notAllowed: [] }
    : { allowed: false, denied: [], notAllowed: [text] }
}

/**
 * Whether a list entry names the term. For the allow list a term with an
 * exception needs the exact `X WITH Y` entry; for the deny list an entry
 * for its base license is enough (an exception never makes a denied license
 * acceptable). An entry `X` covers `X+` (the user may pick X itself).
 */
function matches(
  entry: PolicyEntry,
  term: LicenseTerm,
  list: 'allow' | 'deny',
): boolean {
  if (entry.kind === 'with') {
    return entry.id === term.id && entry.exception === term.exception
  }
  if (term.exception !== undefined && list === 'allow') return false
  if (entry.kind === 'family') {
    return term.id.toLowerCase().startsWith(entry.prefix.toLowerCase())
  }
  return entry.id === term.id && (!entry.plus || term.plus)
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}
