// Getting the findings: npm audit run on the lock, or a report of npm,
// pnpm or yarn that the workflow wrote to a file.
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { CommandRunner } from '../../../lib/command/index.js'
import { readLockInput } from '../../../lib/npm-lock/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import { AuditReportError, isRecord, text } from './json-fields.js'
import type { ReadReport } from './npm-report.js'
import { npmFindings } from './npm-report.js'
import { advisoryMapFindings, yarnFindings } from './other-reports.js'
import { runNpmAudit } from './run-audit.js'
import type { DependencyAuditSettings } from './settings.js'

/** Reads or runs the audit the settings name. */
export async function collectFindings(
  settings: DependencyAuditSettings,
  runner: CommandRunner,
): Promise<ReadReport> {
  const lockPath = resolve(settings.workspace, settings.lockFile)
  const fromFile =
    settings.auditFile === undefined ? undefined : readAuditFile(settings)
  try {
    if (settings.format === 'npm') {
      const lock = readLockInput('lock-file', settings.lockFile, lockPath)
      const report =
        fromFile ??
        (await runNpmAudit(runner, dirname(lockPath), settings.includeDev))
      return npmFindings(report, lock, settings.includeDev)
    }
    const rootName = projectName(dirname(lockPath))
    const report = fromFile ?? ''
    return settings.format === 'pnpm'
      ? advisoryMapFindings(report, rootName, 'pnpm audit')
      : yarnFindings(report, rootName)
  } catch (error: unknown) {
    // A report file that cannot be read is the workflow's to fix; npm
    // failing while it runs here is not.
    if (error instanceof AuditReportError && settings.auditFile) {
      throw new ConfigError(
        'audit-file',
        settings.auditFile,
        `a ${settings.format} audit report in JSON, but ${error.message}`,
      )
    }
    throw error
  }
}

function readAuditFile(settings: DependencyAuditSettings): string {
  const file = resolve(settings.workspace, settings.auditFile ?? '')
  try {
    return readFileSync(file, 'utf8')
  } catch {
    throw new ConfigError(
      'audit-file',
      settings.auditFile ?? '',
      `a file that exists: none at ${file}`,
    )
  }
}

// pnpm and yarn name the project `.` or not at all; its package.json says
// what allow-list paths start with.
function projectName(dir: string): string {
  const manifest = readJsonFile(join(dir, 'package.json'))
  return (isRecord(manifest) && text(manifest['name'])) || 'root'
}

// A helper of its own: ncc copies every file a readFileSync call with a
// literal file name could reach into the bundle, package.json files of the
// whole tree included.
function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}
