import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { BuildResult } from './build-images.js'
import { buildImages, emptyResult } from './build-images.js'
import type { RunnerContext } from './settings.js'
import { readSettings } from './settings.js'
import { buildOutputs, renderSummary } from './summary.js'
import { runCommand } from '../../../lib/command/index.js'
import { Git } from '../../../lib/git/index.js'
import {
  coreLogger,
  errorMessage,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'

/** The runner's variables each RunnerContext field is read from. */
const CONTEXT_VARIABLES: Record<keyof RunnerContext, string> = {
  workspace: 'GITHUB_WORKSPACE',
  eventName: 'GITHUB_EVENT_NAME',
  ref: 'GITHUB_REF',
  sha: 'GITHUB_SHA',
  eventPath: 'GITHUB_EVENT_PATH',
  actor: 'GITHUB_ACTOR',
  serverUrl: 'GITHUB_SERVER_URL',
  repository: 'GITHUB_REPOSITORY',
  idTokenRequestUrl: 'ACTIONS_ID_TOKEN_REQUEST_URL',
}

/** The build-images stage's entry: inputs → core → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(runnerContext())
    // RUNNER_TEMP is emptied after each job; os.tmpdir() serves local runs.
    const tempDir = mkdtempSync(
      join(process.env.RUNNER_TEMP ?? tmpdir(), 'build-images-'),
    )
    const result = emptyResult(settings)
    try {
      await buildImages(
        settings,
        {
          run: runCommand,
          git: new Git(settings.workingDirectory),
          logger: coreLogger,
          now: () => new Date(),
          sleep: (ms) => sleep(ms),
          tempDir,
        },
        result,
      )
    } catch (error: unknown) {
      // What was pushed before the failure is reported too.
      result.failure = errorMessage(error)
      report(result)
      throw error
    } finally {
      rmSync(tempDir, { recursive: true, force: true })
    }
    report(result)
  })
}

function report(result: BuildResult): void {
  setOutputs(buildOutputs(result), coreLogger)
  writeSummary(renderSummary(result))
}

function runnerContext(): RunnerContext {
  const ctx: RunnerContext = {}
  for (const [key, name] of Object.entries(CONTEXT_VARIABLES)) {
    const value = process.env[name]
    if (value) ctx[key as keyof RunnerContext] = value
  }
  return ctx
}
