// One advisory reached through one dependency path: the unit the
// threshold, the allow-list and the reports work on, whichever package
// manager's audit it came from.
import type { Severity } from './severity.js'

/** An advisory on a package, as one path from the project reaches it. */
export interface AuditFinding {
  /** `GHSA-xxxx-xxxx-xxxx`, or the report's own id when it has none. */
  readonly advisory: string
  readonly title: string
  readonly url?: string
  readonly severity: Severity
  /** The CVSS base score, when the advisory carries one above 0. */
  readonly cvss?: number
  readonly packageName: string
  readonly version?: string
  /** The vulnerable versions, `<2.5.4`. */
  readonly range?: string
  /** Package names from the project down: `app`, `request`, `form-data`. */
  readonly path: readonly string[]
  /**
   * More paths reach this package than were listed: this finding stands
   * for them, and no allow-list entry can cover it.
   */
  readonly unlisted?: boolean
  /** The package's line in the lock file; 1 when unknown. */
  readonly line: number
}

/** The path as allow-list entries write it: `app>request>form-data`. */
export function pathText(finding: AuditFinding): string {
  return finding.path.join('>')
}

/** The package as reports name it: `form-data@2.3.3`. */
export function packageLabel(finding: AuditFinding): string {
  return `${finding.packageName}${finding.version ? `@${finding.version}` : ''}`
}

/** The GHSA id at the end of an advisory URL, if it has one. */
export function ghsaFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  return /(GHSA(-[0-9a-z]{4}){3})\/?$/i.exec(url)?.[1]
}

/** Drops repeats of the same advisory on the same path. */
export function distinctFindings(
  findings: readonly AuditFinding[],
): AuditFinding[] {
  const seen = new Set<string>()
  return findings.filter((f) => {
    const key = `${f.advisory}\u0000${pathText(f)}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
