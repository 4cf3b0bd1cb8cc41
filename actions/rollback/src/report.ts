// The rollback as a person reads it: the outputs, a headline, and a step
// summary with a row per application, the revert, and both failures when
// the rollback itself failed.
import { shortRevision } from '../../../lib/argocd/index.js'
import { checkedApp } from '../../../lib/argocd-stage/index.js'
import { table, type OutputValue } from '../../../lib/runner/index.js'
import type { AppAction, RollbackResult } from './rollback.js'

/** The outputs, named as action.yml declares them. */
export function outputsOf(result: RollbackResult): Record<string, OutputValue> {
  return {
    'rolled-back': result.outcome === 'rolled-back',
    'revert-sha': result.revert?.sha ?? '',
    applications: result.apps
      .filter((a) => a.action !== 'none')
      .map((a) => a.name),
    result: result.outcome,
  }
}

/** The outputs of a rollback that stopped with an error. */
export function failedOutputs(): Record<string, OutputValue> {
  return {
    'rolled-back': false,
    'revert-sha': '',
    applications: [],
    result: 'failed',
  }
}

/** The one message for a failed rollback: its own failure and the one that started it. */
export function bothFailures(own: string, reason?: string): string {
  const why =
    reason === undefined
      ? 'no reason was given (input reason), so the failure that started it is not known here'
      : `it was rolling back because: ${reason}`
  return `rollback failed: ${own}. And ${why}`
}

/** One sentence on the whole rollback. */
export function headline(result: RollbackResult): string {
  const moved = result.apps.filter((a) => a.action !== 'none')
  const names = moved.map((a) => a.name).join(', ')
  const sha = result.revert?.sha
  const revert =
    sha === undefined
      ? ''
      : ` (revert ${shortRevision(sha)} on ${result.revert?.branch ?? ''})`
  switch (result.outcome) {
    case 'rolled-back':
      return `rolled back ${names === '' ? 'the manifests' : names} to the recorded revisions${revert}`
    case 'already-at-good-state':
      return 'already at the good state: no commit, nothing synced'
    case 'dry-run': {
      const files = result.revert?.files.length ?? 0
      const change =
        result.mode === 'gitops'
          ? files === 0
            ? ', no commit needed'
            : `, reverting ${files} file(s) on ${result.revert?.branch ?? ''}`
          : ''
      return `dry run: would return ${names === '' ? 'nothing' : names}${change}; nothing changed`
    }
    case 'failed':
      return `rollback failed: ${result.failure ?? 'unknown'}`
  }
}

const ACTIONS: Record<AppAction, string> = {
  synced: 'synced to the revert',
  'rolled-back': 'rolled back in Argo CD',
  'waited-on': 'waited on (automated sync)',
  none: 'already at the good state',
}

/** The step summary; `failure` is the rollback's own error when it threw. */
export function summaryOf(
  result: RollbackResult | undefined,
  reason: string | undefined,
  failure?: string,
): string {
  const lines = ['### rollback', '']
  if (failure !== undefined) {
    lines.push(`❌ The rollback failed: ${failure}`, '')
  } else if (result !== undefined) {
    lines.push(headline(result), '')
  }
  lines.push(
    `Why it ran: ${reason ?? 'not given (input reason)'}`.replace(/\n/g, ' '),
    '',
  )
  if (result === undefined) return lines.join('\n')
  const checks = new Map(
    result.waves.flatMap((w) => w.checks ?? []).map((c) => [checkedApp(c), c]),
  )
  const rows = result.apps.map((a) => {
    const check = checks.get(a.name)
    const after =
      check === undefined
        ? ''
        : check.healthy
          ? `✅ ${check.lastStatus}`
          : `❌ ${check.failure ?? check.lastStatus}`
    return [a.name, shortRevision(a.good), a.before, ACTIONS[a.action], after]
  })
  lines.push(
    table(['application', 'recorded good', 'before', 'action', 'after'], rows),
    '',
  )
  const revert = result.revert
  if (revert !== undefined) {
    const how =
      revert.method === 'restore'
        ? 'the paths restored (a plain revert conflicted)'
        : `a revert of ${revert.commits.map((c) => `\`${c.sha.slice(0, 7)}\` ${c.subject}`).join(', ')}`
    lines.push(
      revert.sha === undefined
        ? `No commit on \`${revert.branch}\`: ${revert.files.length === 0 ? 'the paths already match the recorded revisions' : `${revert.files.length} file(s) would change`}.`
        : `Pushed \`${shortRevision(revert.sha)}\` to \`${revert.branch}\`: ${how}; ${revert.files.length} file(s).`,
      '',
    )
  }
  return lines.join('\n')
}
