import { argoCdClientFor } from '../../../lib/argocd-stage/index.js'
import { realClock, type Clock } from '../../../lib/retry/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { driftReport } from './drift.js'
import { headline, outputsOf, summaryOf } from './report.js'
import { readSettings } from './settings.js'

/** What the entry may be given instead of the real thing (tests do). */
export interface RunOptions {
  clock?: Clock
}

/** The drift-report stage's entry: inputs → applications read → outputs. */
export async function run(options: RunOptions = {}): Promise<void> {
  await runStage(async () => {
    const settings = readSettings(process.env['GITHUB_WORKSPACE'])
    const client = argoCdClientFor(settings, coreLogger)
    const entries = await driftReport(settings, {
      client,
      clock: options.clock ?? realClock,
      logger: coreLogger,
    })
    setOutputs(outputsOf(entries), coreLogger)
    writeSummary(summaryOf(entries))
    const message = headline(entries)
    if (settings.failOnDrift && entries.some((e) => e.drifted)) {
      throw new Error(message)
    }
    coreLogger.info(message)
  })
}
