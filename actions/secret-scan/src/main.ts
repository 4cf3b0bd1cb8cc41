import { existsSync, readFileSync } from 'node:fs'
import * as core from '@actions/core'
import { Git } from '../../../lib/git/index.js'
import {
  coreLogger,
  errorMessage,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import { sarifLog, writeSarifFile } from '../../../lib/sarif/index.js'
import {
  annotated,
  describe,
  newFindings,
  sarifRun,
  summaryMarkdown,
} from './report.js'
import { GENERIC_RULE } from './rules/generic-rule.js'
import { PROVIDER_RULES } from './rules/provider-rules.js'
import type { ScanReport } from './scan.js'
import { scanSecrets } from './scan.js'
import type { EventContext } from './scan-plan.js'
import type { SecretScanSettings } from './settings.js'
import { readSettings } from './settings.js'
import {
  NOTHING_IGNORED,
  parseIgnoreFile,
  readBaseline,
  writeBaseline,
} from './suppressions.js'

/** What the entry knows that the stage cannot: where its own bundle is. */
export interface RunOptions {
  /** The bundle, started again as a worker thread for a large tree. */
  readonly workerUrl?: URL
}

/** The secret-scan stage's entry: inputs → scan → reports and outputs. */
export async function run(options: RunOptions = {}): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings({
      ...(env['GITHUB_WORKSPACE']
        ? { workspace: env['GITHUB_WORKSPACE'] }
        : {}),
      ...(env['RUNNER_TEMP'] ? { runnerTemp: env['RUNNER_TEMP'] } : {}),
    })
    const ctx: EventContext = {
      payload: readPayload(env['GITHUB_EVENT_PATH']),
      ...(env['GITHUB_EVENT_NAME']
        ? { eventName: env['GITHUB_EVENT_NAME'] }
        : {}),
      ...(env['GITHUB_SHA'] ? { sha: env['GITHUB_SHA'] } : {}),
    }
    const ruleIds = [...PROVIDER_RULES, GENERIC_RULE].map((r) => r.id)
    const ignore = existsSync(settings.ignoreFile)
      ? parseIgnoreFile(readFileSync(settings.ignoreFile, 'utf8'), ruleIds)
      : NOTHING_IGNORED
    const baseline = settings.writeBaseline
      ? new Set<string>()
      : readBaseline(settings.baselineFile, 'baseline')
    const report = await coreLogger.group('Scan for secrets', () =>
      scanSecrets(
        {
          plan: {
            history: settings.history,
            ...(settings.historyDepth
              ? { historyDepth: settings.historyDepth }
              : {}),
            ...(settings.defaultBranch
              ? { defaultBranch: settings.defaultBranch }
              : {}),
          },
          maxFileBytes: settings.maxFileBytes,
          ignore,
          baseline,
          // Judging every turned-down candidate is work worth doing only
          // when someone will read the debug log.
          explain: core.isDebug(),
          ...(options.workerUrl === undefined
            ? {}
            : {
                parallel: {
                  workerUrl: options.workerUrl,
                  threads: settings.threads,
                },
              }),
        },
        ctx,
        { git: new Git(settings.workspace), logger: coreLogger },
      ),
    )
    writeSarifFile(
      settings.sarifFile,
      sarifLog([sarifRun(report)], { workspace: settings.workspace }),
    )
    if (report.plan.kind === 'empty') {
      coreLogger.notice(
        `Nothing to scan: ${report.plan.description}.`,
        'Secret scan',
      )
    }
    const fresh = newFindings(report)
    const failing = settings.failOnFindings && !settings.writeBaseline
    annotate(report, failing)
    if (settings.writeBaseline) saveBaseline(settings, report)
    setOutputs(outputsOf(report, settings), coreLogger)
    writeSummary(summaryMarkdown(report, failing))
    if (fresh.length === 0) return
    const message = `${fresh.length} new secret${fresh.length === 1 ? '' : 's'} found: see the annotations and the step summary`
    if (failing) throw new Error(message)
    coreLogger.warning(message, 'Secrets found')
  })
}

/** The outputs, named as action.yml declares them. */
export function outputsOf(
  report: ScanReport,
  settings: SecretScanSettings,
): Record<string, OutputValue> {
  const counting = report.findings.filter(
    (f) => f.status === 'new' || f.status === 'baseline',
  )
  return {
    findings: counting.length,
    new: newFindings(report).length,
    'sarif-file': settings.sarifFile,
  }
}

/** An annotation on each new finding's line; errors unless warn-only. */
function annotate(report: ScanReport, failing: boolean): void {
  for (const finding of annotated(report)) {
    const properties = {
      title: `Leaked secret (${finding.rule.id})`,
      file: finding.path,
      startLine: finding.line,
      startColumn: finding.column,
    }
    const message = `${describe(finding)}. Rotate it, then remove it.`
    if (failing) core.error(message, properties)
    else core.warning(message, properties)
  }
  for (const finding of newFindings(report).filter((f) => !f.inTree)) {
    coreLogger.info(
      `only in history: ${finding.path}:${finding.line} in ${finding.commit?.slice(0, 7) ?? '?'}: ${describe(finding)}`,
    )
  }
}

function saveBaseline(settings: SecretScanSettings, report: ScanReport): void {
  const entries = report.findings
    .filter((f) => f.status === 'new' || f.status === 'baseline')
    .map((f) => ({
      fingerprint: f.fingerprint,
      rule: f.rule.id,
      path: f.path,
      redacted: f.redacted,
    }))
  writeBaseline(settings.baselineFile, entries)
  coreLogger.info(
    `wrote ${entries.length} findings to the baseline ${settings.baselineFile}; commit it so they no longer fail the scan`,
  )
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (path === undefined || !existsSync(path)) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, unknown>)
      : {}
  } catch (error: unknown) {
    throw new Error(
      `the event payload ${path} is not JSON: ${errorMessage(error)}`,
    )
  }
}
