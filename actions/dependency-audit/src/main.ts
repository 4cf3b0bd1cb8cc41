import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as core from '@actions/core'
import { runCommand } from '../../../lib/command/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { sarifLog } from '../../../lib/sarif/index.js'
import type { Assessment } from './assess.js'
import { assess } from './assess.js'
import { collectFindings } from './collect.js'
import {
  describeFinding,
  failureMessage,
  sarifRun,
  statusText,
  summaryMarkdown,
} from './report.js'
import type { DependencyAuditSettings } from './settings.js'
import { readSettings } from './settings.js'

/** The dependency-audit stage's entry: inputs → audit → SARIF, summary, outputs. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(process.env['GITHUB_WORKSPACE'])
    const today = new Date().toISOString().slice(0, 10)
    const what = settings.auditFile
      ? `Read ${settings.auditFile}`
      : `npm audit ${settings.lockFile}`
    const report = await coreLogger.group(what, () =>
      collectFindings(settings, runCommand),
    )
    for (const note of report.notes) coreLogger.warning(note, 'Audit paths')
    const assessment = assess(report.findings, {
      threshold: settings.failOn,
      allow: settings.allow,
      today,
    })
    logAssessment(assessment, settings)
    const sarifPath = resolve(settings.workspace, settings.sarifFile)
    const log = sarifLog([sarifRun(assessment, settings)], {
      workspace: settings.workspace,
    })
    mkdirSync(dirname(sarifPath), { recursive: true })
    writeFileSync(sarifPath, `${JSON.stringify(log, null, 2)}\n`)
    setOutputs(outputsOf(assessment, sarifPath), coreLogger)
    writeSummary(summaryMarkdown(assessment, settings))
    if (assessment.failing.length === 0) return
    // warn-only reports everything and never fails the step (C62).
    const message = failureMessage(assessment, settings)
    if (!settings.warnOnly) throw new Error(message)
    coreLogger.warning(message, 'Vulnerable dependencies (warn-only)')
  })
}

/** The outputs, named as action.yml declares them. */
export function outputsOf(
  assessment: Assessment,
  sarifPath: string,
): Record<string, OutputValue> {
  const count = (status: string): number =>
    assessment.findings.filter((a) => a.status === status).length
  return {
    violations: assessment.failing.length,
    findings: assessment.findings.length,
    'allow-listed': count('allowed'),
    'below-threshold': count('below-threshold'),
    'sarif-file': sarifPath,
  }
}

function logAssessment(
  assessment: Assessment,
  settings: DependencyAuditSettings,
): void {
  for (const a of assessment.findings) {
    const line = `${describeFinding(a)}: ${statusText(a)}`
    if (a.status !== 'fails') {
      coreLogger.info(line)
      continue
    }
    // One annotation per failing finding, on the package's lock entry.
    const annotate = settings.warnOnly ? core.warning : core.error
    annotate(line, {
      title: `Vulnerable dependency (${a.finding.severity})`,
      file: settings.lockFile,
      startLine: a.finding.line,
    })
  }
  for (const entry of assessment.expiredEntries) {
    coreLogger.warning(
      `allow-list entry ${entry.text} expired on ${entry.until ?? ''}: it accepts nothing now; fix the dependency or renew the entry`,
      'Expired allow-list entry',
    )
  }
  for (const entry of assessment.unusedEntries) {
    coreLogger.notice(
      `allow-list entry ${entry.text} matched no finding; remove it if the advisory is fixed`,
      'Unused allow-list entry',
    )
  }
}
