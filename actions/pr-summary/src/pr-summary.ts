// The stage's core: read the pull request and its files, work out the
// labels and the summary, and write them unless this run may not (a dry
// run, a read-only token, or a head that has moved on).
import type { ContextError, Logger } from '../../../lib/runner/index.js'
import type { Changes } from './changes.js'
import { readChanges } from './changes.js'
import { componentLabels } from './components.js'
import { COMMENT_LIMIT, cut, fitSections, renderSections } from './fit-body.js'
import type { LabelPlan, LabelStyle } from './labels.js'
import {
  applyPlan,
  ensureLabels,
  planLabels,
  settleSizeLabel,
} from './labels.js'
import { summarySections } from './render.js'
import type { RepoClient } from './repo-client.js'
import type { PrSummarySettings } from './settings.js'
import type { SizeName } from './size.js'
import { SIZE_NAMES, sizeLabels } from './size.js'
import type { StickyComment } from './sticky-comment.js'
import { commentBody, commentMarker, upsertComment } from './sticky-comment.js'
import type { SavedSummary } from './summary-file.js'
import type { PullTarget } from './target.js'
import { WriteGuard } from './write-guard.js'

/** What a run found and did. */
export interface PrSummaryResult {
  readonly id: string
  readonly pr: number
  readonly headSha: string
  readonly size: SizeName
  /** The labels this stage gives the pull request. */
  readonly labels: readonly string[]
  readonly plan: LabelPlan
  readonly changes: Changes
  /** The comment's summary, fitted to GitHub's limit, without the marker. */
  readonly body: string
  /** The whole summary. */
  readonly full: string
  readonly comment?: StickyComment
  /** Why nothing (or not everything) was written. */
  readonly skipped?: string
  /** A token that should write but lacks the permission. */
  readonly permissionError?: ContextError
}

/** What the core talks to. */
export interface PrSummaryDeps {
  readonly client: RepoClient
  readonly logger: Logger
}

const SIZE_COLORS = ['3cbf00', '5d9801', '7f7203', 'a14c05', 'c32607']
const COMPONENT_COLOR = '1d76db'

/** Reads, decides, and writes what it may. */
export async function runPrSummary(
  settings: PrSummarySettings,
  target: PullTarget,
  deps: PrSummaryDeps,
  saved?: SavedSummary,
): Promise<PrSummaryResult> {
  const { client, logger } = deps
  const id = saved?.id ?? settings.id
  const first = await readPull(client, target.number)
  const changes = await readChanges(client, target, settings.size, logger)
  const sizeLabel = `${settings.size.prefix}${changes.size}`
  // A rename touches both places, so both paths can label.
  const paths = changes.files.flatMap((f) =>
    f.previousPath === undefined ? [f.path] : [f.path, f.previousPath],
  )
  const components = componentLabels(settings.components, paths, first.headRef)
  const labels = [sizeLabel, ...components]
  const owned = [
    ...sizeLabels(settings.size.prefix),
    ...settings.components.map((c) => c.label),
  ]
  const { body, full } = summaryText(settings, saved, {
    id,
    headSha: target.headSha,
    changes,
    labels,
    sizeLabel,
  })
  const base = {
    id,
    pr: target.number,
    headSha: target.headSha,
    size: changes.size,
    labels,
    changes,
    body,
    full,
  }
  const count = changes.files.length
  logger.info(
    `${sizeLabel}: ${changes.counted} lines counted in ${count} file${count === 1 ? '' : 's'}`,
  )
  logger.info(`labels: ${labels.join(', ')}`)

  if (settings.dryRun) {
    const plan = planLabels(first.labels, labels, owned)
    logger.info(`dry run: would add labels: ${plan.add.join(', ') || 'none'}`)
    logger.info(
      `dry run: would remove labels: ${plan.remove.join(', ') || 'none'}`,
    )
    logger.info(
      `dry run: would post this comment:\n${commentBody(id, target.headSha, body)}`,
    )
    return { ...base, plan, skipped: 'dry run: nothing written' }
  }
  if (target.readOnly !== undefined) {
    const plan = planLabels(first.labels, labels, owned)
    const skipped = `this run's token can only read (${target.readOnly}), so labels and the comment are not written`
    logger.notice(
      `${skipped}. The summary is in the job summary and in the summary-file output, for a workflow_run or pull_request_target job to post with from-file.`,
      'Summary writes skipped',
    )
    return { ...base, plan, skipped }
  }
  // C54: the head is read again just before writing, so a run that
  // finishes after a newer one never overwrites it.
  const fresh = await readPull(client, target.number)
  const plan = planLabels(fresh.labels, labels, owned)
  if (fresh.headSha !== target.headSha) {
    const skipped = `the pull request's head is now ${fresh.headSha}, not ${target.headSha} this run describes, so nothing is written (the run for the head writes the summary)`
    logger.notice(skipped, 'Summary of an older head')
    return { ...base, plan, skipped }
  }
  const guard = new WriteGuard(logger)
  const styles = labelStyles(settings, labels)
  await guard.attempt('create labels', () =>
    ensureLabels(client, styles, logger),
  )
  await guard.attempt('label the pull request', () =>
    applyPlan(client, target.number, plan, logger),
  )
  const comment = await guard.attempt('comment on the pull request', () =>
    upsertComment(
      client,
      target.number,
      commentMarker(id),
      commentBody(id, target.headSha, body),
      logger,
    ),
  )
  await guard.attempt('settle the size label', () =>
    settleSizeLabel(
      client,
      target,
      sizeLabel,
      sizeLabels(settings.size.prefix),
      logger,
    ),
  )
  return {
    ...base,
    plan,
    ...(comment === undefined ? {} : { comment }),
    ...(guard.skipped === undefined ? {} : { skipped: guard.skipped }),
    ...(guard.permissionError === undefined
      ? {}
      : { permissionError: guard.permissionError }),
  }
}

/** The comment's summary, fitted to the limit, and the whole one. */
function summaryText(
  settings: PrSummarySettings,
  saved: SavedSummary | undefined,
  facts: {
    id: string
    headSha: string
    changes: Changes
    labels: string[]
    sizeLabel: string
  },
): { body: string; full: string } {
  const room = COMMENT_LIMIT - commentBody(facts.id, facts.headSha, '').length
  if (saved !== undefined) {
    return { body: cut(saved.body, room), full: saved.full }
  }
  const sections = summarySections({
    ...facts,
    checks: settings.checks,
    findings: settings.findings,
    ...(settings.coverage === undefined ? {} : { coverage: settings.coverage }),
  })
  return {
    body: fitSections(sections, room).text,
    full: renderSections(sections),
  }
}

interface PullState {
  headSha: string
  headRef: string
  labels: string[]
}

async function readPull(
  client: RepoClient,
  number: number,
): Promise<PullState> {
  const { octokit, owner, repo } = client
  const { data } = await octokit.rest.pulls.get({
    owner,
    repo,
    pull_number: number,
  })
  return {
    headSha: data.head.sha,
    headRef: data.head.ref,
    labels: data.labels.map((l) => l.name),
  }
}

/** How each label this stage gives looks when it has to be created. */
function labelStyles(
  settings: PrSummarySettings,
  labels: readonly string[],
): Map<string, LabelStyle> {
  const styles = new Map<string, LabelStyle>()
  const [xs, s, m, l] = settings.size.thresholds
  const ranges = [
    `≤ ${xs}`,
    `${xs + 1}–${s}`,
    `${s + 1}–${m}`,
    `${m + 1}–${l}`,
    `> ${l}`,
  ]
  SIZE_NAMES.forEach((name, i) => {
    const label = `${settings.size.prefix}${name}`
    if (!labels.includes(label)) return
    styles.set(label, {
      color: SIZE_COLORS[i] ?? COMPONENT_COLOR,
      description: `${ranges[i] ?? ''} changed lines (pr-summary)`,
      configured: false,
    })
  })
  for (const rule of settings.components) {
    if (!labels.includes(rule.label)) continue
    styles.set(rule.label, {
      color: rule.color ?? COMPONENT_COLOR,
      description: rule.description ?? 'Component (pr-summary)',
      configured: rule.color !== undefined,
    })
  }
  return styles
}
