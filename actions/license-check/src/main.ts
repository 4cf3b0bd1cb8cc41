import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import { readLockInput } from '../../../lib/npm-lock/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { sarifLog } from '../../../lib/sarif/index.js'
import type { LicenseReport } from './check.js'
import { checkLicenses } from './check.js'
import {
  describeViolation,
  failureMessage,
  label,
  RULE_TITLES,
  sarifRun,
  summaryMarkdown,
} from './report.js'
import type { LicenseCheckSettings } from './settings.js'
import { readSettings } from './settings.js'

/** The license-check stage's entry: inputs → check → SARIF, summary, outputs. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(process.env['GITHUB_WORKSPACE'])
    for (const note of settings.policyNotes) {
      coreLogger.warning(note, 'License list entry corrected')
    }
    const lockPath = resolve(settings.workspace, settings.lockFile)
    const lock = readLockInput('lock-file', settings.lockFile, lockPath)
    const report = await coreLogger.group(
      `Check the licenses in ${settings.lockFile}`,
      () =>
        Promise.resolve(
          checkLicenses(lock, dirname(lockPath), {
            includeDev: settings.includeDev,
            policy: { allow: settings.allow, deny: settings.deny },
            allowPackages: settings.allowPackages,
            acceptGuessed: settings.acceptGuessed,
          }),
        ),
    )
    logReport(report, settings)
    const sarifPath = resolve(settings.workspace, settings.sarifFile)
    const log = sarifLog([sarifRun(report, settings)], {
      workspace: settings.workspace,
    })
    mkdirSync(dirname(sarifPath), { recursive: true })
    writeFileSync(sarifPath, `${JSON.stringify(log, null, 2)}\n`)
    setOutputs(outputsOf(report, sarifPath), coreLogger)
    writeSummary(summaryMarkdown(report, settings))
    if (report.violations.length === 0) return
    // warn-only reports everything and never fails the step.
    if (!settings.warnOnly) throw new Error(failureMessage(report))
    coreLogger.warning(failureMessage(report), 'License violations (warn-only)')
  })
}

/** The outputs, named as action.yml declares them. */
export function outputsOf(
  report: LicenseReport,
  sarifPath: string,
): Record<string, OutputValue> {
  return {
    violations: report.violations.length,
    excused: report.excused.length,
    packages: report.packages.length,
    'sarif-file': sarifPath,
  }
}

function logReport(report: LicenseReport, settings: LicenseCheckSettings) {
  // A correction shared by many packages (`Apache 2.0`) is one warning.
  const corrections = new Map<string, string[]>()
  for (const result of report.packages) {
    const { outcome } = result
    const excused = result.excusedBy ? ` (excused by ${result.excusedBy})` : ''
    coreLogger.debug(`${label(result)}: ${outcome.license}: ${outcome.message}`)
    for (const note of outcome.notes) {
      corrections.set(note, [...(corrections.get(note) ?? []), label(result)])
    }
    if (outcome.ok) continue
    if (excused) {
      coreLogger.info(`${describeViolation(result)}${excused}`)
      continue
    }
    // One annotation per violation, on the package's entry in the lock.
    const annotate = settings.warnOnly ? core.warning : core.error
    annotate(describeViolation(result), {
      title: RULE_TITLES[outcome.rule ?? 'license/unknown'],
      file: settings.lockFile,
      startLine: result.line,
    })
  }
  for (const [note, packages] of corrections) {
    coreLogger.warning(
      `${note}: ${packages.join(', ')}`,
      'License read with a correction',
    )
  }
  for (const entry of report.unusedAllowances) {
    coreLogger.notice(
      `allow-packages entry "${entry}" excused no package; remove it if it is no longer needed`,
      'Unused allow-packages entry',
    )
  }
}
