import { realClock } from '../../../lib/retry/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { buildPayload } from './payload.js'
import type { SendResult } from './send.js'
import { sendNotification } from './send.js'
import type { NotifySettings } from './settings.js'
import { readSettings } from './settings.js'

/** The notify stage's entry: inputs → post → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings({
      ...optional('serverUrl', env['GITHUB_SERVER_URL']),
      ...optional('repository', env['GITHUB_REPOSITORY']),
      ...optional('ref', env['GITHUB_REF_NAME'] || env['GITHUB_REF']),
      ...optional('runId', env['GITHUB_RUN_ID']),
    })
    const body = buildPayload(settings.kind, settings.facts)
    if (settings.dryRun) {
      coreLogger.info(
        `dry run: would post to ${settings.host}:\n${JSON.stringify(body, null, 2)}`,
      )
      setOutputs(outputsOf({ sent: false, attempts: 0 }), coreLogger)
      writeSummary(
        `notify: dry run, would have sent ${what(settings)} to ${settings.host}; nothing sent.`,
      )
      return
    }
    const result = await coreLogger.group(`Notify ${settings.host}`, () =>
      sendNotification(
        {
          url: settings.webhookUrl,
          host: settings.host,
          body,
          attempts: settings.attempts,
          attemptTimeoutMs: settings.attemptTimeoutMs,
        },
        { fetch: globalThis.fetch, clock: realClock, logger: coreLogger },
      ),
    )
    setOutputs(outputsOf(result), coreLogger)
    if (result.sent) {
      writeSummary(
        `notify: sent ${what(settings)} to ${settings.host} (${attempts(result.attempts)}).`,
      )
      return
    }
    const failure = result.failure ?? `not sent to ${settings.host}`
    writeSummary(`notify: ${what(settings)} ${failure}.`)
    // A pipeline that worked should not turn red because chat was down.
    if (settings.failOnError) throw new Error(failure)
    coreLogger.warning(failure, 'Notification not sent')
  })
}

/** The outputs, named as action.yml declares them. */
export function outputsOf(result: SendResult): Record<string, OutputValue> {
  return {
    sent: result.sent,
    'status-code':
      result.statusCode === undefined ? '' : String(result.statusCode),
    attempts: result.attempts,
  }
}

function what(settings: NotifySettings): string {
  const kind = settings.kind === 'slack' ? 'a Slack message' : 'a JSON message'
  return `${kind} (${settings.facts.status})`
}

function attempts(n: number): string {
  return `${n} attempt${n === 1 ? '' : 's'}`
}

function optional<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {}
}
