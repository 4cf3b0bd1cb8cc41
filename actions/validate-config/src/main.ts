import * as core from '@actions/core'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import {
  MAX_RESULTS_PER_RUN,
  writeSarifFile,
} from '../../../lib/sarif/index.js'
import type { Reported } from './report.js'
import { applyLevels, counts, sarifFor, summaryFor } from './report.js'
import { readSettings } from './settings.js'
import { validateConfig } from './validate.js'

/** The version the SARIF log gives its tool. */
export const TOOL_VERSION = '1.0.0'

/** The validate-config stage's entry: inputs → checks → findings everywhere. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings({
      ...optional('workspace', env['GITHUB_WORKSPACE']),
      ...optional('repository', env['GITHUB_REPOSITORY']),
      ...optional('runnerTemp', env['RUNNER_TEMP']),
    })
    const validation = await coreLogger.group(
      `Validate the YAML under ${settings.root}`,
      () => {
        const result = validateConfig(settings)
        for (const file of result.files) {
          coreLogger.debug(`${file.path}: ${file.kind}`)
        }
        coreLogger.info(`${result.files.length} files checked`)
        return Promise.resolve(result)
      },
    )
    const reported = applyLevels(validation.findings, settings.levels, settings)
    annotate(reported)
    const log = sarifFor(reported, settings.levels, TOOL_VERSION)
    writeSarifFile(settings.sarifFile, log)
    if (reported.length > MAX_RESULTS_PER_RUN) {
      coreLogger.warning(
        `${reported.length} findings; the SARIF file keeps the first ${MAX_RESULTS_PER_RUN}, as many as code scanning takes`,
        'Too many findings for code scanning',
      )
    }
    const { errors, warnings } = counts(reported)
    setOutputs(
      { errors, warnings, 'sarif-file': settings.sarifFile },
      coreLogger,
    )
    writeSummary(
      summaryFor(reported, validation.files.length, settings.warnOnly),
    )
    if (errors > 0 && !settings.warnOnly) {
      throw new Error(
        `${errors} configuration error${errors === 1 ? '' : 's'}: see the annotations or the step summary`,
      )
    }
  })
}

/** One annotation per finding, on its file and line. */
function annotate(reported: readonly Reported[]): void {
  for (const r of reported) {
    const properties = {
      title: r.rule,
      file: r.repoPath,
      startLine: r.line,
      startColumn: r.column,
    }
    if (r.level === 'error') core.error(r.message, properties)
    else core.warning(r.message, properties)
  }
}

function optional<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}
