// The deploy as a person reads it: the outputs, a headline, and a step
// summary with a row per wave and the state recorded before it.
import { shortRevision } from '../../../lib/argocd/index.js'
import { formatDuration } from '../../../lib/retry/index.js'
import type { Backup } from '../../../lib/argocd-stage/index.js'
import { table, type OutputValue } from '../../../lib/runner/index.js'
import type { DeployResult, WaveReport, WaveResult } from './deploy.js'

/** The outputs, named as action.yml declares them. */
export function outputsOf(
  result: DeployResult,
  backupFile: string,
): Record<string, OutputValue> {
  return {
    applications: result.waves.flatMap((w) => w.synced),
    revision: result.revision ?? '',
    waves: result.waves.map((w) => ({
      wave: w.wave,
      applications: w.applications,
      result: w.result,
      ...(w.failure === undefined ? {} : { failure: w.failure }),
    })),
    healthy: result.healthy,
    ...backupOutputs(result.backup, backupFile),
  }
}

/** The backup's outputs: the JSON itself and the file holding it. */
export function backupOutputs(
  backup: Backup,
  backupFile: string,
): Record<string, OutputValue> {
  return { 'previous-revisions': backup, 'backup-file': backupFile }
}

/** One sentence on the whole deploy: "3 waves healthy at 2222222". */
export function headline(result: DeployResult): string {
  const { waves } = result
  const at =
    result.revision === undefined ? '' : ` at ${shortRevision(result.revision)}`
  if (waves.every((w) => w.result === 'dry-run')) {
    return `dry run: ${plural(waves.length, 'wave')} to sync${at}, nothing synced`
  }
  if (result.healthy) return `${plural(waves.length, 'wave')} healthy${at}`
  const failed = waves.find((w) => w.result === 'failed')
  const skipped = waves.filter((w) => w.result === 'not-started').length
  const rest =
    skipped === 0 ? '' : `; ${plural(skipped, 'later wave')} not started`
  return `wave ${failed?.wave ?? '?'} failed: ${failed?.failure ?? 'unknown'}${rest}`
}

const SHOWN: Record<WaveResult, string> = {
  healthy: '✅ healthy',
  failed: '❌ failed',
  'not-started': '⏸️ not started',
  'dry-run': 'dry run',
}

/** The step summary: the headline and a table with a row per wave. */
export function summaryOf(result: DeployResult): string {
  const rows = result.waves.map((w) => [
    String(w.wave),
    w.applications.join(', '),
    SHOWN[w.result],
    detail(w),
  ])
  return [
    '### deploy',
    '',
    headline(result),
    '',
    table(['wave', 'applications', 'result', 'detail'], rows),
    '',
    'Before the deploy (`previous-revisions`, what a rollback returns to):',
    '',
    table(
      ['application', 'revision', 'sync', 'health', 'history id'],
      result.backup.applications.map((a) => [
        a.name,
        shortRevision(a.revision),
        a.sync,
        a.health,
        a.historyId === undefined ? '' : String(a.historyId),
      ]),
    ),
    '',
  ].join('\n')
}

function detail(w: WaveReport): string {
  const automated =
    w.automated.length === 0
      ? ''
      : `automated, waited on only: ${w.automated.join(', ')}`
  if (w.result === 'failed') {
    return w.failure ?? ''
  }
  if (w.result === 'healthy') {
    const checks = (w.checks ?? []).map(
      (c) =>
        `${c.name.replace(/^argocd\//, '')}: ${c.lastStatus} in ${formatDuration(c.timeToHealthyMs ?? c.elapsedMs)}`,
    )
    return [...checks, automated].filter((x) => x !== '').join('; ')
  }
  return automated
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
