import {
  ConfigError,
  booleanInput,
  choiceInput,
  insidePath,
  lineListInput,
  optionalInput,
} from '../../../lib/runner/index.js'
import type { AllowEntry } from './allow-list.js'
import { readAllowEntry } from './allow-list.js'
import type { Threshold } from './severity.js'
import { THRESHOLDS } from './severity.js'

/** Whose audit report is read. */
export type AuditFormat = 'npm' | 'pnpm' | 'yarn'

/** Every input of dependency-audit, read once and checked. */
export interface DependencyAuditSettings {
  /** The repository's folder on the runner. */
  readonly workspace: string
  readonly format: AuditFormat
  /** Repository-relative path of the lock file findings point at. */
  readonly lockFile: string
  /** A report written earlier; npm audit is run when absent. */
  readonly auditFile?: string
  readonly includeDev: boolean
  readonly failOn: Threshold
  readonly allow: readonly AllowEntry[]
  readonly warnOnly: boolean
  /** Repository-relative path the SARIF log is written to. */
  readonly sarifFile: string
}

const LOCK_FILES: Record<AuditFormat, string> = {
  npm: 'package-lock.json',
  pnpm: 'pnpm-lock.yaml',
  yarn: 'yarn.lock',
}

/** Reads and checks every input. */
export function readSettings(
  workspace: string | undefined,
): DependencyAuditSettings {
  const format = choiceInput<AuditFormat>(
    'format',
    ['npm', 'pnpm', 'yarn'],
    'npm',
  )
  const given = optionalInput('audit-file')
  const auditFile =
    given === undefined ? undefined : insidePath('audit-file', given)
  if (auditFile === undefined && format !== 'npm') {
    throw new ConfigError(
      'audit-file',
      '',
      `the ${format} audit report to read (\`${format} audit --json > audit.json\`); only npm audit is run by this stage`,
    )
  }
  const allow = lineListInput('allow').map((line) => {
    const entry = readAllowEntry(line)
    if (typeof entry === 'string') {
      throw new ConfigError(
        'allow',
        line,
        `one entry a line, ADVISORY|path>to>pkg [until: YYYY-MM-DD] (\`GHSA-xxxx-xxxx-xxxx|app>request>form-data until: 2027-01-31\`): ${entry}`,
      )
    }
    return entry
  })
  return {
    workspace: workspace ?? process.cwd(),
    format,
    lockFile: insidePath(
      'lock-file',
      optionalInput('lock-file') ?? LOCK_FILES[format],
    ),
    ...(auditFile === undefined ? {} : { auditFile }),
    includeDev: booleanInput('include-dev', false),
    failOn: choiceInput<Threshold>('fail-on', THRESHOLDS, 'moderate'),
    allow,
    warnOnly: booleanInput('warn-only', false),
    sarifFile: insidePath(
      'sarif-file',
      optionalInput('sarif-file') ?? 'dependency-audit.sarif',
    ),
  }
}
