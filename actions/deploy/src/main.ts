import {
  argoCdClientFor,
  type Backup,
} from '../../../lib/argocd-stage/index.js'
import { realClock, type Clock } from '../../../lib/retry/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { writeBackupFile } from './backup-file.js'
import { deploy } from './deploy.js'
import { backupOutputs, headline, outputsOf, summaryOf } from './report.js'
import { readSettings } from './settings.js'

/** What the entry may be given instead of the real thing (tests do). */
export interface RunOptions {
  clock?: Clock
}

/** The deploy stage's entry: inputs → backup, waves of syncs and waits → outputs. */
export async function run(options: RunOptions = {}): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings(env['GITHUB_WORKSPACE'], env['RUNNER_TEMP'])
    const client = argoCdClientFor(settings, coreLogger)
    let backup: Backup | undefined
    const onBackup = (recorded: Backup): void => {
      writeBackupFile(settings.backupFile, recorded)
      backup = recorded
      const n = recorded.applications.length
      coreLogger.info(
        `the state of ${n} application${n === 1 ? '' : 's'} before the deploy is in ${settings.backupFile}`,
      )
    }
    let result
    try {
      result = await deploy(settings, {
        client,
        clock: options.clock ?? realClock,
        logger: coreLogger,
        onBackup,
      })
    } catch (error: unknown) {
      // The backup still tells a rollback where to return to.
      if (backup !== undefined) {
        setOutputs(backupOutputs(backup, settings.backupFile), coreLogger)
      }
      throw error
    }
    setOutputs(outputsOf(result, settings.backupFile), coreLogger)
    writeSummary(summaryOf(result))
    const message = headline(result)
    if (!settings.dryRun && !result.healthy) throw new Error(message)
    coreLogger.info(message)
  })
}
