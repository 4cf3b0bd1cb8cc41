// Each finding sorted into what fails, what the allow-list accepts and
// what lies below the threshold. Only an unexpired entry for the same
// advisory on the same path accepts a finding (C62); an expired one is
// reported as such. Nothing is dropped: accepted and low findings stay in
// the summary and in SARIF.
import type { AllowEntry } from './allow-list.js'
import { entryFor, hasExpired } from './allow-list.js'
import type { AuditFinding } from './finding.js'
import type { Threshold } from './severity.js'
import { SEVERITIES, reaches } from './severity.js'

/** What becomes of a finding. */
export type FindingStatus = 'fails' | 'allowed' | 'below-threshold'

/** A finding and the decision on it. */
export interface AssessedFinding {
  readonly finding: AuditFinding
  readonly status: FindingStatus
  /** The entry that accepts it, or that did until it expired. */
  readonly entry?: AllowEntry
  /** The entry matched but had expired. */
  readonly expired: boolean
}

/** The decision on every finding, and the entries that need a look. */
export interface Assessment {
  /** Failing first, then by severity, most severe first. */
  readonly findings: readonly AssessedFinding[]
  readonly failing: readonly AssessedFinding[]
  /** Entries past their date, matched or not. */
  readonly expiredEntries: readonly AllowEntry[]
  /** Unexpired entries that accepted nothing, to be cleaned up. */
  readonly unusedEntries: readonly AllowEntry[]
}

/** How to judge: `today` is `YYYY-MM-DD` in UTC. */
export interface AssessOptions {
  readonly threshold: Threshold
  readonly allow: readonly AllowEntry[]
  readonly today: string
}

/** Decides every finding. */
export function assess(
  findings: readonly AuditFinding[],
  options: AssessOptions,
): Assessment {
  const used = new Set<AllowEntry>()
  const assessed = findings.map((finding): AssessedFinding => {
    const entry = finding.unlisted
      ? undefined
      : entryFor(options.allow, finding.advisory, finding.path)
    const expired = entry !== undefined && hasExpired(entry, options.today)
    if (entry !== undefined) used.add(entry)
    const status: FindingStatus =
      entry !== undefined && !expired
        ? 'allowed'
        : reaches(finding.severity, options.threshold)
          ? 'fails'
          : 'below-threshold'
    return { finding, status, ...(entry ? { entry } : {}), expired }
  })
  const rank = (a: AssessedFinding): number =>
    (a.status === 'fails' ? 10 : 0) + SEVERITIES.indexOf(a.finding.severity)
  const sorted = assessed
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(y.a) - rank(x.a) || x.i - y.i)
    .map(({ a }) => a)
  return {
    findings: sorted,
    failing: sorted.filter((a) => a.status === 'fails'),
    expiredEntries: options.allow.filter((e) => hasExpired(e, options.today)),
    unusedEntries: options.allow.filter(
      (e) => !used.has(e) && !hasExpired(e, options.today),
    ),
  }
}
