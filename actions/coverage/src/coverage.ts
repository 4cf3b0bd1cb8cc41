// The coverage stage's core: reports → totals, changed lines, baseline,
// gate. It reads no environment and no @actions/core: the settings, the
// run's facts and what it talks to come in as arguments.
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'
import type { BaselineOutcome, BaselineStore } from './baseline.js'
import { applyBaseline, deltaOf, planBaseline } from './baseline.js'
import type { ChangedCoverage } from './changed-lines.js'
import { changedCoverage, readChangedLines } from './changed-lines.js'
import type { GateResult, Minimums } from './gate.js'
import { checkGate } from './gate.js'
import type { ReportFile } from './read-reports.js'
import { findReports, readReports } from './read-reports.js'
import type { PathMapping } from './report-paths.js'
import { PathResolver } from './report-paths.js'
import type { RunContext } from './run-context.js'
import type { MetricName, Totals } from './totals.js'
import { fileTotals, totalsOf } from './totals.js'

/** Every input of the coverage stage, read once and checked. */
export interface CoverageSettings {
  /** The folder report globs and report paths are relative to. */
  readonly root: string
  /** Globs of report files. */
  readonly reports: readonly string[]
  readonly pathMap: readonly PathMapping[]
  readonly minimums: Minimums
  /** No data at all, or none for a gated metric, passes with a note. */
  readonly allowEmpty: boolean
  /** A gate that fails fails the step (else only `passed` says so). */
  readonly failBelowMin: boolean
  /** A revision to diff HEAD against, over the pull request's base. */
  readonly diffBase?: string
  /** Save and restore baselines (`baseline: auto`). */
  readonly baseline: boolean
  readonly baselineKeyPrefix: string
}

/** What the core talks to. */
export interface CoverageDeps {
  /** git in the root folder. */
  readonly git: Git
  readonly logger: Logger
  readonly store: BaselineStore
  /** Whether a file exists; the file system's answer unless a test says. */
  readonly exists?: (path: string) => boolean
}

/** One file's totals, by repository path. */
export interface FileRow {
  readonly path: string
  readonly totals: Totals
}

/** Everything the stage found, for outputs and the summary. */
export interface CoverageResult {
  readonly reports: readonly ReportFile[]
  readonly totals: Totals
  /** Every file read, sorted by path. */
  readonly files: readonly FileRow[]
  /** Changed-line coverage; absent when no diff was read. */
  readonly changed?: ChangedCoverage
  readonly baseline: BaselineOutcome
  /** Against the restored baseline; absent when there is none. */
  readonly delta?: Record<MetricName, number | undefined>
  readonly gate: GateResult
}

/** Reads the reports and judges them. */
export async function runCoverage(
  settings: CoverageSettings,
  context: RunContext,
  deps: CoverageDeps,
): Promise<CoverageResult> {
  const { logger } = deps
  const resolver = new PathResolver(
    settings.root,
    settings.pathMap,
    deps.exists,
  )
  const files = findReports(settings.reports, settings.root)
  const { map, reports } = await logger.group('Coverage reports', () =>
    readReports(files, settings.root, resolver, logger),
  )
  if (resolver.outside.size > 0) {
    const [first = ''] = resolver.outside
    logger.warning(
      `${resolver.outside.size} file path(s) in the reports are outside the workspace and were kept as written, such as ${first}; a path-map entry (\`/build/=\`) makes them repository paths`,
      'Coverage paths outside the workspace',
    )
  }
  const totals = totalsOf(map)
  const base = settings.diffBase ?? context.pullRequest?.baseSha
  const changed =
    base === undefined
      ? undefined
      : await logger.group('Changed lines', async () => {
          const lines = await diffLines(base, settings, deps)
          return lines && changedCoverage(map, lines)
        })
  const baseline = await logger.group('Baseline', () =>
    applyBaseline(
      planBaseline(context, settings.baselineKeyPrefix, settings.baseline),
      totals,
      deps.store,
      logger,
    ),
  )
  const gate = checkGate(
    totals,
    changed?.counts,
    settings.minimums,
    settings.allowEmpty,
  )
  return {
    reports,
    totals,
    files: map.sorted().map((file) => ({
      path: file.path,
      totals: fileTotals(file),
    })),
    ...(changed ? { changed } : {}),
    baseline,
    ...(baseline.restored
      ? { delta: deltaOf(totals, baseline.restored.totals) }
      : {}),
    gate,
  }
}

/** The diff's added lines, or undefined (with a notice) when unreadable. */
async function diffLines(
  base: string,
  settings: CoverageSettings,
  { git, logger }: CoverageDeps,
): Promise<Awaited<ReturnType<typeof readChangedLines>> | undefined> {
  const title = 'Changed-line coverage skipped'
  if ((await git.resolve(base)) === undefined) {
    if (settings.diffBase !== undefined) {
      throw new ConfigError(
        'diff-base',
        base,
        'a revision in the clone: a branch, tag or SHA fetched before this step',
      )
    }
    logger.notice(
      `the pull request's base ${base} is not in the clone; check out with \`fetch-depth: 0\` to get changed-line coverage`,
      title,
    )
    return undefined
  }
  try {
    const lines = await readChangedLines(git, base)
    logger.info(`${lines.size} file(s) changed since ${base} (${base}...HEAD)`)
    return lines
  } catch (error: unknown) {
    logger.notice(
      `git diff ${base}...HEAD failed: ${errorMessage(error)}`,
      title,
    )
    return undefined
  }
}
