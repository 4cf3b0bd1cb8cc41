// The rollback stage's core: reads the applications, then returns those
// not at their recorded good state to it, the GitOps way (./gitops.ts) or
// through Argo CD's own history (./history.ts), and waits on them wave by
// wave as deploy does.
import {
  appStatus,
  groupByWave,
  shortRevision,
  type ApplicationReader,
  type ArgoCdClient,
} from '../../../lib/argocd/index.js'
import {
  entryFor,
  readTargets,
  runWaves,
  type DeployTarget,
  type StartOperation,
  type WaveReport,
} from '../../../lib/argocd-stage/index.js'
import type { Git } from '../../../lib/git/index.js'
import type { Clock } from '../../../lib/retry/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { gitopsRollback } from './gitops.js'
import { historyRollback } from './history.js'
import type { FileChange, RevertedCommit, RevertMethod } from './revert.js'
import type { RollbackMode, RollbackSettings } from './settings.js'

/** What the core talks to; `git` at the GitOps checkout's top, in gitops mode. */
export interface RollbackDeps {
  readonly client: ArgoCdClient
  readonly clock: Clock
  readonly logger: Logger
  readonly git?: Git
}

/** How the rollback ended. */
export type RollbackOutcome =
  'rolled-back' | 'already-at-good-state' | 'dry-run' | 'failed'

/** What the rollback did with one application (or would, in a dry run). */
export type AppAction = 'synced' | 'rolled-back' | 'waited-on' | 'none'

/** One application, as the outputs and the summary show it. */
export interface AppReturn {
  name: string
  /** The recorded good revision. */
  good: string
  /** Its state when the rollback began: "Synced at 2222222, Degraded". */
  before: string
  action: AppAction
}

/** The revert commit, in gitops mode. */
export interface RevertReport {
  branch: string
  /** The pushed commit; absent when the paths were already as recorded. */
  sha?: string
  method?: RevertMethod
  /** The branch tip it was planned on. */
  baseSha: string
  attempts: number
  commits: readonly RevertedCommit[]
  files: readonly FileChange[]
}

/** How the rollback ended, for outputs and the summary. */
export interface RollbackResult {
  mode: RollbackMode
  outcome: RollbackOutcome
  apps: AppReturn[]
  waves: WaveReport[]
  revert?: RevertReport
  /** Why it failed, when `outcome` is failed. */
  failure?: string
}

/** An application to return, as read before anything changed. */
export interface RollbackTarget extends DeployTarget {
  /** The recorded good revision. */
  good: string
  /** Its state when read. */
  before: string
}

/** What a mode decided: the applications to start, and how. */
export interface ModePlan {
  /** Every application with what it gets. */
  apps: AppReturn[]
  /** Those to start, in waves. */
  start: RollbackTarget[]
  operation: StartOperation<RollbackTarget>
  /** What the waits read the applications through. */
  reader: ApplicationReader
  revert?: RevertReport
}

/** Returns the applications `settings` names to their recorded state. */
export async function rollback(
  settings: RollbackSettings,
  deps: RollbackDeps,
): Promise<RollbackResult> {
  const wait = { ...deps, wait: settings.wait }
  const targets = await deps.logger.group('Read the applications', async () => {
    const selection = {
      kind: 'applications' as const,
      names: settings.applications,
    }
    const read = await readTargets(deps.client, selection, wait)
    return read.map((t): RollbackTarget => {
      const good = entryFor(settings.backup, t.name).revision
      const st = appStatus(t.app)
      const at = st.revisions.map(shortRevision).join('/')
      const before = `${st.sync}${at === '' ? '' : ` at ${at}`}, ${st.health}`
      deps.logger.info(
        `${t.name}: ${before}; recorded good: ${shortRevision(good)}`,
      )
      return { ...t, good, before }
    })
  })
  const plan =
    settings.mode === 'gitops'
      ? await gitopsRollback(targets, settings, deps)
      : historyRollback(targets, settings, deps)
  const base = {
    mode: settings.mode,
    apps: plan.apps,
    ...(plan.revert === undefined ? {} : { revert: plan.revert }),
  }
  if (settings.dryRun) return { ...base, outcome: 'dry-run', waves: [] }
  if (plan.start.length === 0) {
    if (plan.revert?.sha !== undefined) {
      return { ...base, outcome: 'rolled-back', waves: [] }
    }
    deps.logger.info(
      'already at the good state: every application runs its recorded revision',
    )
    return { ...base, outcome: 'already-at-good-state', waves: [] }
  }
  const waves = await runWaves(
    groupByWave(plan.start),
    plan.operation,
    settings,
    { ...deps, client: plan.reader },
  )
  const failed = waves.find((w) => w.result === 'failed')
  if (failed === undefined) return { ...base, outcome: 'rolled-back', waves }
  const skipped = waves.filter((w) => w.result === 'not-started').length
  const rest = skipped === 0 ? '' : `; ${skipped} later wave(s) not started`
  return {
    ...base,
    outcome: 'failed',
    waves,
    failure: `wave ${failed.wave} failed: ${failed.failure ?? 'unknown'}${rest}`,
  }
}
