// Runs the secret-scan stage in process against a temp repository, the way
// the runner would start it, and reads back what it wrote.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GitRepo } from '../../../test/support/git-repo.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

/** One run of the stage and the SARIF log it left. */
export interface ScanRun extends StageRun {
  sarif: unknown
  /** Every place a secret could leak to: log, summary, outputs, SARIF. */
  shown: string
}

/** Runs the stage in `repo`'s clone for this event. */
export async function scanRepo(
  repo: GitRepo,
  inputs: Record<string, string> = {},
  event: { name?: string; payload?: object } = {},
  extra: Record<string, string> = {},
): Promise<ScanRun> {
  const vars: Record<string, string> = {
    ...extra,
    GITHUB_WORKSPACE: repo.workDir,
    RUNNER_TEMP: repo.dir,
    GITHUB_SHA: repo.head(),
    ...(event.name ? { GITHUB_EVENT_NAME: event.name } : {}),
  }
  const step = await runInProcess(run, inputs, vars, event.payload ?? {})
  const file =
    step.outputs['sarif-file'] ?? join(repo.dir, 'cortex-secret-scan.sarif')
  const sarifText = existsSync(file) ? readFileSync(file, 'utf8') : ''
  return {
    ...step,
    sarif: sarifText === '' ? undefined : (JSON.parse(sarifText) as unknown),
    shown: [step.log, step.summary, step.outputText, sarifText].join('\n'),
  }
}

/** The results of the first run of a SARIF log. */
export function sarifResults(sarif: unknown): Record<string, unknown>[] {
  const runs = (sarif as { runs: { results: Record<string, unknown>[] }[] })
    .runs
  return runs[0]?.results ?? []
}
