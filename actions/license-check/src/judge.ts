// One package's license judged against the policy: what passes, which rule
// a failure breaks, and a message a person can act on.
import type { LicensePolicy } from '../../../lib/spdx/index.js'
import {
  either,
  evaluateLicense,
  parseLicense,
} from '../../../lib/spdx/index.js'
import type { FoundLicense } from './declared-license.js'

/** The rules a package can break; each is a SARIF rule. */
export type LicenseRule =
  | 'license/denied'
  | 'license/not-allowed'
  | 'license/unknown'
  | 'license/unlicensed'
  | 'license/guessed'

/** What the policy says of one package's license. */
export interface LicenseOutcome {
  readonly ok: boolean
  /** The rule broken, when not ok. */
  readonly rule?: LicenseRule
  /** `allowed`, `chosen: MIT`, `denied: GPL-3.0-only`, … */
  readonly message: string
  /** The license as SPDX writes it when it parsed, else as found. */
  readonly license: string
  /** Corrections made in reading it (case, aliases, deprecated ids). */
  readonly notes: readonly string[]
}

/** Judges a found license; a guess fails unless `acceptGuessed`. */
export function judgeLicense(
  found: FoundLicense,
  policy: LicensePolicy,
  acceptGuessed: boolean,
): LicenseOutcome {
  if (found.kind === 'none') {
    return broken(
      'license/unknown',
      'unknown',
      found.installed
        ? 'no license declared, and none found in its files'
        : 'no license in the lock, and the package is not installed to look (run npm ci first)',
    )
  }
  if (found.kind === 'guessed' && !acceptGuessed) {
    return broken(
      'license/guessed',
      found.text,
      `guessed license (${found.text} from ${found.file})`,
    )
  }
  const text = found.text
  const upper = text.toUpperCase()
  if (upper === 'UNLICENSED') {
    return broken(
      'license/unlicensed',
      text,
      'UNLICENSED: the author grants no one the right to use it',
    )
  }
  if (upper === 'NOASSERTION' || upper === 'NONE') {
    return broken('license/unknown', text, `${upper}: no license asserted`)
  }
  if (/^SEE LICEN[CS]E IN /i.test(text)) {
    return broken(
      'license/unknown',
      text,
      `a license of its own (${text}): read it and allow the package by name`,
    )
  }
  const parsed = parseLicense(text)
  if (!parsed.ok) {
    const hint = parsed.suggestions.length
      ? `; did you mean ${either(parsed.suggestions)}?`
      : ''
    return broken(
      'license/unknown',
      text,
      `unparseable license: ${parsed.reason}${hint}`,
    )
  }
  const guessed = found.kind === 'guessed' ? [`guessed from ${found.file}`] : []
  const notes = [...guessed, ...parsed.notes]
  const verdict = evaluateLicense(parsed.expression, policy)
  if (verdict.allowed) {
    const message =
      verdict.chosen === undefined ? 'allowed' : `chosen: ${verdict.chosen}`
    return { ok: true, message, license: parsed.text, notes }
  }
  const parts = [
    ...(verdict.denied.length ? [`denied: ${verdict.denied.join(', ')}`] : []),
    ...(verdict.notAllowed.length
      ? [`not in the allow list: ${verdict.notAllowed.join(', ')}`]
      : []),
  ]
  const rule = verdict.denied.length ? 'license/denied' : 'license/not-allowed'
  return {
    ok: false,
    rule,
    message: parts.join('; '),
    license: parsed.text,
    notes,
  }
}

function broken(
  rule: LicenseRule,
  license: string,
  message: string,
): LicenseOutcome {
  return { ok: false, rule, message, license, notes: [] }
}
