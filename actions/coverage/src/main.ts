import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Git } from '../../../lib/git/index.js'
import type { Logger, OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import type { BaselineStore } from './baseline.js'
import { actionsCacheStore } from './cache-store.js'
import type { CoverageResult } from './coverage.js'
import { runCoverage } from './coverage.js'
import { MARKDOWN_LIMIT, renderMarkdown } from './report-markdown.js'
import { readRunContext } from './run-context.js'
import { readSettings } from './settings.js'
import { METRICS, formatPercent, percent } from './totals.js'

/** The coverage stage's entry: inputs → core → outputs, summary, gate. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(process.env['GITHUB_WORKSPACE'])
    const context = readRunContext(process.env)
    const result = await runCoverage(settings, context, {
      git: new Git(settings.root),
      logger: coreLogger,
      store: baselineStore(),
    })
    setOutputs(coverageOutputs(result), coreLogger)
    writeSummary(renderMarkdown(result))
    report(result, settings.failBelowMin, coreLogger)
  })
}

/** The cache's file lives in RUNNER_TEMP, which the runner empties. */
function baselineStore(): BaselineStore {
  const temp = process.env['RUNNER_TEMP'] || tmpdir()
  return actionsCacheStore(join(temp, 'cortex-coverage', 'baseline.json'))
}

/** Fails the step on a failed gate, or warns when told not to fail. */
function report(
  result: CoverageResult,
  failBelowMin: boolean,
  logger: Logger,
): void {
  for (const note of result.gate.notes) logger.notice(note, 'Coverage gate')
  if (result.gate.passed) return
  const message = `coverage gate failed: ${result.gate.failures.join('; ')}`
  if (failBelowMin) throw new Error(message)
  logger.warning(message, 'Coverage below the minimum')
}

/** The outputs, named as action.yml declares them. */
export function coverageOutputs(
  result: CoverageResult,
): Record<string, OutputValue> {
  const { totals } = result
  const restored = result.baseline.restored
  const show = (value: number | undefined): number | null => value ?? null
  return {
    lines: formatPercent(percent(totals.lines)),
    branches: formatPercent(percent(totals.branches)),
    functions: formatPercent(percent(totals.functions)),
    delta:
      restored && result.delta
        ? {
            baseline: restored.key,
            sha: restored.sha,
            lines: show(result.delta.lines),
            branches: show(result.delta.branches),
            functions: show(result.delta.functions),
          }
        : null,
    passed: result.gate.passed,
    markdown: renderMarkdown(result, MARKDOWN_LIMIT),
    report: {
      ...Object.fromEntries(
        METRICS.map((metric) => [
          metric,
          { ...totals[metric], percent: show(percent(totals[metric])) },
        ]),
      ),
      files: result.files.length,
      changedLines: result.changed
        ? {
            ...result.changed.counts,
            percent: show(percent(result.changed.counts)),
            files: result.changed.files.length,
          }
        : null,
      failures: result.gate.failures,
    },
  }
}
