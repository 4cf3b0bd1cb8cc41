import { realClock } from '../../../lib/retry/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { headline, summaryOf } from './report.js'
import { readSettings } from './settings.js'
import { verifyHealth } from './verify.js'

/** The verify-health stage's entry: inputs → checks → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const { settings, failOnUnhealthy } = readSettings()
    if (settings.tls.insecure === true) {
      coreLogger.warning(
        'TLS certificates are not checked (insecure-skip-verify): anyone on the path can answer for these servers. Prefer ca-file.',
        'Insecure TLS',
      )
    }
    const result = await verifyHealth(settings, {
      clock: realClock,
      logger: coreLogger,
    })
    const unhealthy = result.entries.filter(
      (e) => !e.healthy && e.skipped === undefined,
    )
    setOutputs(
      {
        healthy: result.healthy,
        unhealthy: unhealthy.map((e) => e.name).join(','),
        report: result.entries,
      },
      coreLogger,
    )
    writeSummary(summaryOf(result.entries, result.elapsedMs))
    if (settings.dryRun) return
    const message = headline(result.entries, result.elapsedMs)
    for (const entry of unhealthy) {
      coreLogger.warning(`${entry.name}: ${entry.failure ?? entry.lastStatus}`)
    }
    if (!result.healthy && failOnUnhealthy) throw new Error(message)
    coreLogger.info(message)
  })
}
