// Audit reports of pnpm and yarn, read from a file the workflow wrote.
// pnpm (`pnpm audit --json`) and yarn 2–3 (`yarn npm audit --json`) print
// one object of `advisories`, each listing the versions found and the
// paths to them (`.>axios>follow-redirects`, `.` the project). Yarn 1
// (`yarn audit --json`) prints JSON lines, an `auditAdvisory` per advisory
// and path (`request>form-data`, the project left out).
import type { AuditFinding } from './finding.js'
import { distinctFindings } from './finding.js'
import {
  AuditReportError,
  isRecord,
  list,
  parseJson,
  records,
  text,
} from './json-fields.js'
import type { ReadReport } from './npm-report.js'
import { advisoryFields } from './npm-report.js'

/** Findings of a report keyed by `advisories` (pnpm, yarn 2–3). */
export function advisoryMapFindings(
  input: string,
  rootName: string,
  tool: string,
): ReadReport {
  const report = parseJson(input, tool)
  if (!isRecord(report['advisories'])) {
    const why = text(report['message']) ?? text(report['error'])
    throw new AuditReportError(
      `${tool}'s report has no "advisories"${why ? `: ${why}` : ''}`,
    )
  }
  const findings: AuditFinding[] = []
  for (const advisory of records(report['advisories'])) {
    const name = text(advisory['module_name']) ?? 'unknown'
    for (const found of list(advisory['findings']).filter(isRecord)) {
      const version = text(found['version'])
      for (const path of list(found['paths'])) {
        if (typeof path !== 'string') continue
        findings.push(
          finding(advisory, name, version, fromRoot(path, rootName, true)),
        )
      }
    }
  }
  return { findings: distinctFindings(findings), notes: [] }
}

/** Findings of yarn 1's JSON lines, or of yarn 2–3's one object. */
export function yarnFindings(input: string, rootName: string): ReadReport {
  const trimmed = input.trim()
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    return advisoryMapFindings(trimmed, rootName, 'yarn npm audit')
  }
  const findings: AuditFinding[] = []
  let read = 0
  for (const line of trimmed.split('\n')) {
    let event: unknown
    try {
      event = JSON.parse(line)
    } catch {
      continue
    }
    if (!isRecord(event)) continue
    read += 1
    if (event['type'] !== 'auditAdvisory' || !isRecord(event['data'])) {
      continue
    }
    const { advisory, resolution } = event['data']
    if (!isRecord(advisory) || !isRecord(resolution)) continue
    const path = text(resolution['path'])
    if (path === undefined) continue
    const name = text(advisory['module_name']) ?? 'unknown'
    const version = list(advisory['findings'])
      .filter(isRecord)
      .find((f) => list(f['paths']).includes(path))?.['version']
    findings.push(
      finding(advisory, name, text(version), fromRoot(path, rootName, false)),
    )
  }
  if (read === 0) {
    throw new AuditReportError('yarn audit printed no JSON lines')
  }
  return { findings: distinctFindings(findings), notes: [] }
}

function finding(
  advisory: Record<string, unknown>,
  name: string,
  version: string | undefined,
  path: string[],
): AuditFinding {
  return {
    ...advisoryFields(advisory, name),
    packageName: name,
    ...(version === undefined ? {} : { version }),
    path,
    line: 1,
  }
}

// pnpm writes the project as `.`; yarn 1 leaves it out.
function fromRoot(path: string, rootName: string, dotted: boolean): string[] {
  const names = path.split('>').map((name) => name.trim())
  if (!dotted) return [rootName, ...names]
  return names[0] === '.' ? [rootName, ...names.slice(1)] : names
}
