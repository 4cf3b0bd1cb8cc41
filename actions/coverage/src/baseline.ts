// The baseline: on the default branch the totals are saved keyed by commit;
// on a pull request the base's are restored (that commit's, else the
// newest of the base branch) to show the delta. A missing baseline, or a
// cache that cannot be reached, is a notice and never fails the step.
import type { Logger } from '../../../lib/runner/index.js'
import { errorMessage } from '../../../lib/runner/index.js'
import type { Counts } from './file-coverage.js'
import type { RunContext } from './run-context.js'
import type { MetricName, Totals } from './totals.js'
import { METRICS, percent } from './totals.js'

/** Where baselines are kept: the Actions cache, or a stand-in in tests. */
export interface BaselineStore {
  /** Saves text under key; false when the store declined to. */
  save(key: string, text: string): Promise<boolean>
  /**
   * The text under key, or else the newest whose key starts with one of
   * restoreKeys (tried in order); undefined when there is none.
   */
  restore(
    key: string,
    restoreKeys: readonly string[],
  ): Promise<{ key: string; text: string } | undefined>
}

/** The totals kept for one commit of the default branch. */
export interface Baseline {
  readonly version: 1
  readonly branch: string
  readonly sha: string
  readonly totals: Totals
}

/** What to do with the baseline on this run. */
export type BaselinePlan =
  | {
      readonly action: 'save'
      readonly key: string
      readonly branch: string
      readonly sha: string
    }
  | {
      readonly action: 'restore'
      readonly key: string
      readonly restoreKeys: readonly string[]
      readonly branch: string
    }
  | { readonly action: 'none'; readonly reason: string }

/** What became of the baseline. */
export interface BaselineOutcome {
  /** The key the totals were saved under. */
  readonly saved?: string
  /** The baseline compared with, and the key it was found under. */
  readonly restored?: Baseline & {
    readonly key: string
    readonly exact: boolean
  }
}

/** `<prefix>-<branch>-<sha>`; commas, which cache keys refuse, become `_`. */
export function baselineKey(
  prefix: string,
  branch: string,
  sha: string,
): string {
  return `${baselinePrefix(prefix, branch)}${sha}`
}

function baselinePrefix(prefix: string, branch: string): string {
  return `${prefix}-${branch.replace(/,/g, '_')}-`
}

/** Saves on the default branch, restores on a pull request, else nothing. */
export function planBaseline(
  context: RunContext,
  prefix: string,
  enabled: boolean,
): BaselinePlan {
  if (!enabled) return { action: 'none', reason: 'baseline: off' }
  const pr = context.pullRequest
  if (pr) {
    return {
      action: 'restore',
      key: baselineKey(prefix, pr.baseRef, pr.baseSha),
      restoreKeys: [baselinePrefix(prefix, pr.baseRef)],
      branch: pr.baseRef,
    }
  }
  const branch = context.ref?.startsWith('refs/heads/')
    ? context.ref.slice('refs/heads/'.length)
    : undefined
  if (branch === undefined || context.sha === undefined) {
    return {
      action: 'none',
      reason:
        'no baseline: the run is neither for a pull request nor for a branch commit (GITHUB_REF and GITHUB_SHA)',
    }
  }
  if (context.defaultBranch === undefined) {
    return {
      action: 'none',
      reason: `no baseline saved: the event payload does not name the default branch, so ${branch} may not be it`,
    }
  }
  if (branch !== context.defaultBranch) {
    return {
      action: 'none',
      reason: `no baseline saved: ${branch} is not the default branch (${context.defaultBranch})`,
    }
  }
  return {
    action: 'save',
    key: baselineKey(prefix, branch, context.sha),
    branch,
    sha: context.sha,
  }
}

/** Carries out the plan; trouble of any kind becomes a notice. */
export async function applyBaseline(
  plan: BaselinePlan,
  totals: Totals,
  store: BaselineStore,
  logger: Logger,
): Promise<BaselineOutcome> {
  const title = 'Coverage baseline'
  if (plan.action === 'none') {
    logger.info(plan.reason)
    return {}
  }
  if (plan.action === 'save') {
    const baseline: Baseline = {
      version: 1,
      branch: plan.branch,
      sha: plan.sha,
      totals,
    }
    try {
      if (await store.save(plan.key, JSON.stringify(baseline))) {
        logger.info(`saved the totals as the baseline ${plan.key}`)
        return { saved: plan.key }
      }
      logger.notice(
        `baseline ${plan.key} not saved: the cache declined it (one is kept per commit, so a re-run finds it taken)`,
        title,
      )
    } catch (error: unknown) {
      logger.notice(
        `baseline ${plan.key} not saved: ${errorMessage(error)}`,
        title,
      )
    }
    return {}
  }
  let found: { key: string; text: string } | undefined
  try {
    found = await store.restore(plan.key, plan.restoreKeys)
  } catch (error: unknown) {
    logger.notice(`no baseline to compare with: ${errorMessage(error)}`, title)
    return {}
  }
  if (found === undefined) {
    logger.notice(
      `no baseline to compare with: none saved for ${plan.branch} yet (looked for ${plan.key}, then ${plan.restoreKeys.join(', ')}*); a run on ${plan.branch} saves one`,
      title,
    )
    return {}
  }
  const baseline = parseBaseline(found.text)
  if (baseline === undefined) {
    logger.notice(
      `baseline ${found.key} is unreadable, so no delta is shown`,
      title,
    )
    return {}
  }
  const exact = found.key === plan.key
  logger.info(
    exact
      ? `compared with the baseline of the base commit (${found.key})`
      : `no baseline for the base commit itself; compared with ${found.key}, the newest of ${plan.branch}`,
  )
  return { restored: { ...baseline, key: found.key, exact } }
}

/** The change of each metric in percentage points; undefined when n/a. */
export function deltaOf(
  current: Totals,
  base: Totals,
): Record<MetricName, number | undefined> {
  const delta = {} as Record<MetricName, number | undefined>
  for (const metric of METRICS) {
    const now = percent(current[metric])
    const then = percent(base[metric])
    delta[metric] =
      now === undefined || then === undefined
        ? undefined
        : Math.round((now - then) * 100) / 100
  }
  return delta
}

/** A baseline from its JSON; undefined when it is not one. */
export function parseBaseline(text: string): Baseline | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(value) || value['version'] !== 1) return undefined
  const { branch, sha } = value
  const totals = isRecord(value['totals']) ? value['totals'] : undefined
  if (typeof branch !== 'string' || typeof sha !== 'string' || !totals) {
    return undefined
  }
  const read = {} as Record<MetricName, Counts>
  for (const metric of METRICS) {
    const counts = totals[metric]
    if (
      !isRecord(counts) ||
      !isCount(counts['covered']) ||
      !isCount(counts['total']) ||
      counts['covered'] > counts['total']
    ) {
      return undefined
    }
    read[metric] = { covered: counts['covered'], total: counts['total'] }
  }
  return { version: 1, branch, sha, totals: read }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
