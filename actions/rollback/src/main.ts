import { argoCdClientFor } from '../../../lib/argocd-stage/index.js'
import * as core from '@actions/core'
import { Git, withTokenAuth } from '../../../lib/git/index.js'
import { realClock, type Clock } from '../../../lib/retry/index.js'
import {
  ConfigError,
  coreLogger,
  errorMessage,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import {
  bothFailures,
  failedOutputs,
  headline,
  outputsOf,
  summaryOf,
} from './report.js'
import { rollback, type RollbackResult } from './rollback.js'
import { readSettings, type GitSettings } from './settings.js'

/** What the entry may be given instead of the real thing (tests do). */
export interface RunOptions {
  clock?: Clock
}

/** The rollback stage's entry: inputs → revert or Argo CD rollback, waits → outputs. */
export async function run(options: RunOptions = {}): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(process.env['GITHUB_WORKSPACE'])
    const client = argoCdClientFor(settings, coreLogger)
    let result: RollbackResult
    try {
      const git =
        settings.git === undefined
          ? undefined
          : await gitFor(settings.git, settings.dryRun)
      result = await rollback(settings, {
        client,
        clock: options.clock ?? realClock,
        logger: coreLogger,
        ...(git === undefined ? {} : { git }),
      })
    } catch (error: unknown) {
      const own = errorMessage(error)
      setOutputs(failedOutputs(), coreLogger)
      writeSummary(summaryOf(undefined, settings.reason, own))
      // A configuration error stays one: the user's to fix.
      if (error instanceof ConfigError) throw error
      throw new Error(bothFailures(own, settings.reason))
    }
    setOutputs(outputsOf(result), coreLogger)
    writeSummary(summaryOf(result, settings.reason))
    if (result.outcome === 'failed') {
      throw new Error(
        bothFailures(result.failure ?? 'unknown', settings.reason),
      )
    }
    coreLogger.info(headline(result))
  })
}

// The Git of the checkout's top folder, where Argo CD's paths start, with
// the token for pushes when the checkout holds no credentials.
async function gitFor(settings: GitSettings, dryRun: boolean): Promise<Git> {
  const top = await new Git(settings.workingDirectory).run(
    ['rev-parse', '--show-toplevel'],
    { allowFailure: true },
  )
  if (top.exitCode !== 0) {
    throw new ConfigError(
      'working-directory',
      settings.workingDirectory,
      `a checkout of the GitOps repository (git says: ${top.stderr.trim()})`,
    )
  }
  const git = new Git(
    top.stdout.trim(),
    {},
    Git.identity(settings.userName, settings.userEmail),
  )
  if (dryRun) return git
  return withTokenAuth(git, settings.remote, settings.token, (secret) =>
    core.setSecret(secret),
  )
}
