// `npm audit --json` as npm 7 and later print it (auditReportVersion 2):
// a map of vulnerable packages whose `via` holds the advisories found on
// that package (objects) or the names of vulnerable packages it depends on
// (strings, skipped: that advisory is reported on its own package). The
// report names install locations, not paths, so the lock supplies every
// path from the project to each location.
import type { NpmLock } from '../../../lib/npm-lock/index.js'
import { allPaths, dependencyGraph } from '../../../lib/npm-lock/index.js'
import type { AuditFinding } from './finding.js'
import { ghsaFromUrl } from './finding.js'
import {
  AuditReportError,
  isRecord,
  list,
  parseJson,
  records,
  text,
} from './json-fields.js'
import { severityOf } from './severity.js'

/** Paths listed per vulnerable package before the rest are summed up. */
export const PATH_LIMIT = 50

/** Findings and remarks from one report. */
export interface ReadReport {
  readonly findings: AuditFinding[]
  /** Things a reader should know, for a warning. */
  readonly notes: string[]
}

/** Reads npm's report; paths come from `lock`, dev ones when asked. */
export function npmFindings(
  text: string,
  lock: NpmLock,
  includeDev: boolean,
): ReadReport {
  const report = parseJson(text, 'npm audit')
  const failure = report['error']
  if (failure !== undefined) {
    throw new AuditReportError(`npm audit failed: ${npmError(report)}`)
  }
  if (report['auditReportVersion'] !== 2) {
    throw new AuditReportError(
      'npm audit printed no auditReportVersion 2 report; npm 7 or later is needed (npm 6 prints version 1)',
    )
  }
  // A report without its vulnerabilities map is cut short, not clean.
  const vulnerabilities = report['vulnerabilities']
  if (typeof vulnerabilities !== 'object' || vulnerabilities === null) {
    throw new AuditReportError(
      'npm audit printed a report without its vulnerabilities; it was cut short or is not npm 7+ JSON',
    )
  }
  const graph = dependencyGraph(lock, { includeDev })
  const findings: AuditFinding[] = []
  const notes: string[] = []
  for (const vulnerability of records(report['vulnerabilities'])) {
    const advisories = list(vulnerability['via']).filter(isRecord)
    const nodes = list(vulnerability['nodes']).filter(
      (node): node is string => typeof node === 'string',
    )
    for (const node of nodes) {
      const pkg = lock.packages.get(node)
      const found = allPaths(graph, node, PATH_LIMIT)
      const paths = found.paths.length
        ? found.paths.map((chain) => chain.map((at) => nameOf(lock, at)))
        : [[lock.rootName, ...namesAlong(node)]]
      const name = pkg?.name ?? namesAlong(node).at(-1) ?? node
      if (found.truncated) {
        notes.push(
          `${name}${pkg?.version ? `@${pkg.version}` : ''} is reached by more than ${PATH_LIMIT} paths: the first ${PATH_LIMIT} are listed, and one finding stands for the rest`,
        )
        paths.push([lock.rootName, '…', name])
      }
      for (const advisory of advisories) {
        for (const [i, path] of paths.entries()) {
          findings.push({
            ...advisoryFields(advisory, name),
            packageName: name,
            ...(pkg?.version === undefined ? {} : { version: pkg.version }),
            path,
            ...(found.truncated && i === paths.length - 1
              ? { unlisted: true }
              : {}),
            line: lock.lines.get(node) ?? 1,
          })
        }
      }
    }
  }
  return { findings, notes }
}

/** The advisory's own fields, shared by npm's, pnpm's and yarn's reports. */
export function advisoryFields(
  advisory: Record<string, unknown>,
  packageName: string,
): Pick<
  AuditFinding,
  'advisory' | 'title' | 'url' | 'severity' | 'cvss' | 'range'
> {
  const url = text(advisory['url'])
  const ghsa = text(advisory['github_advisory_id']) ?? ghsaFromUrl(url)
  const id = [advisory['source'], advisory['id']].find(
    (value) => typeof value === 'number' || typeof value === 'string',
  )
  const cvss = isRecord(advisory['cvss']) ? advisory['cvss']['score'] : 0
  const range = text(advisory['range']) ?? text(advisory['vulnerable_versions'])
  return {
    advisory: ghsa ?? `advisory-${id ?? packageName}`,
    title: text(advisory['title']) ?? `an advisory on ${packageName}`,
    ...(url === undefined ? {} : { url }),
    severity: severityOf(advisory['severity']),
    ...(typeof cvss === 'number' && cvss > 0 ? { cvss } : {}),
    ...(range === undefined ? {} : { range }),
  }
}

function npmError(report: Record<string, unknown>): string {
  const error = report['error']
  const summary = isRecord(error) ? text(error['summary']) : text(error)
  return summary ?? text(report['message']) ?? 'no reason given'
}

function nameOf(lock: NpmLock, location: string): string {
  if (location === '') return lock.rootName
  return lock.packages.get(location)?.name ?? namesAlong(location).at(-1) ?? ''
}

/** The package names a location nests: `node_modules/a/node_modules/b` → a, b. */
export function namesAlong(location: string): string[] {
  return location.split(/(?:^|\/)node_modules\//).filter((name) => name !== '')
}
