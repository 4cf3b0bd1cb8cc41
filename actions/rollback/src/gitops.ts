// Rollback the GitOps way: the manifest change is reverted in the GitOps
// repository, pushed with the same re-apply-and-retry as update-manifests
// (never forced), and the applications synced to the revert commit. A
// rollback made only in the cluster would be undone by the next sync, or
// at once by self-heal.
import {
  appStatus,
  isCommitRevision,
  shortRevision,
} from '../../../lib/argocd/index.js'
import { syncApp, type Started } from '../../../lib/argocd-stage/index.js'
import type { Git } from '../../../lib/git/index.js'
import { pushChange } from '../../../lib/gitops/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import { gitSources, sameRepository } from './app-sources.js'
import { revertMessage } from './revert-message.js'
import { ensureCommits, sameContent } from './clone-history.js'
import {
  commitRevert,
  planRevert,
  type RestoreGroup,
  type RevertMethod,
  type RevertPlan,
} from './revert.js'
import type {
  AppReturn,
  ModePlan,
  RollbackDeps,
  RollbackTarget,
} from './rollback.js'
import type { RollbackSettings } from './settings.js'

interface Located extends RollbackTarget {
  group: RestoreGroup
}

/** Reverts the manifest change, pushes it, and plans the syncs to it. */
export async function gitopsRollback(
  targets: readonly RollbackTarget[],
  settings: RollbackSettings,
  deps: RollbackDeps,
): Promise<ModePlan> {
  const { git } = deps
  const gs = settings.git
  if (git === undefined || gs === undefined) {
    throw new Error('mode gitops needs the GitOps repository’s checkout')
  }
  const located = await locate(git, targets, gs.remote, deps)
  const groups = await restoreGroups(git, located, gs.paths)
  const branch = gs.branch ?? (await currentBranch(git))
  let method: RevertMethod | undefined
  const pushed = await deps.logger.group(
    `Revert the manifest change on ${branch}`,
    async () => {
      const outcome = await pushChange<RevertPlan>(
        git,
        { remote: gs.remote, branch, retries: gs.pushRetries },
        {
          what: 'the revert',
          plan: () => planRevert(git, groups),
          isEmpty: (plan) => plan.files.length === 0,
          commit: async (plan) => {
            method = await commitRevert(git, plan, (m) =>
              revertMessage(plan, m, located, settings),
            )
          },
        },
        deps.logger,
        { planOnly: settings.dryRun },
      )
      logRevert(outcome.plan, outcome.commitSha, settings.dryRun, deps)
      return outcome
    },
  )
  const head = pushed.commitSha ?? pushed.baseSha
  const apps: AppReturn[] = []
  const start: RollbackTarget[] = []
  for (const t of located) {
    const st = appStatus(t.app)
    const at = st.revisions.find(isCommitRevision)
    const atGood =
      st.sync === 'Synced' &&
      st.health === 'Healthy' &&
      at !== undefined &&
      (await sameContent(git, at, t.group))
    const action = atGood ? 'none' : t.automated ? 'waited-on' : 'synced'
    apps.push({ name: t.name, good: t.good, before: t.before, action })
    if (!atGood) start.push(t)
  }
  const retryDeps = { ...deps, wait: settings.wait }
  const operation = async (t: RollbackTarget): Promise<Started> => {
    if (t.automated) {
      deps.logger.notice(
        `${t.name} syncs automatically; not synced here, waited on at ${shortRevision(head)}`,
        'Automated sync',
      )
      return { expected: head, operated: false }
    }
    await syncApp(
      deps.client,
      { name: t.name, revision: head, prune: settings.prune },
      retryDeps,
    )
    deps.logger.info(`${t.name}: sync started to ${shortRevision(head)}`)
    return { expected: head, operated: true }
  }
  return {
    apps,
    start,
    operation,
    reader: deps.client,
    revert: {
      branch,
      ...(pushed.commitSha === undefined ? {} : { sha: pushed.commitSha }),
      ...(method === undefined ? {} : { method }),
      baseSha: pushed.baseSha,
      attempts: pushed.attempts,
      commits: pushed.plan.commits,
      files: pushed.plan.files,
    },
  }
}

// Each application's paths and recorded commit, checked: a source in Git,
// a commit the repository has.
async function locate(
  git: Git,
  targets: readonly RollbackTarget[],
  remote: string,
  deps: RollbackDeps,
): Promise<Located[]> {
  const url = (
    await git.run(['remote', 'get-url', remote], { allowFailure: true })
  ).stdout.trim()
  for (const t of targets) {
    if (!isCommitRevision(t.good)) {
      throw new Error(
        `${t.name}: the recorded revision ${t.good} is not a commit, so there is nothing to revert in Git; use mode argocd-history`,
      )
    }
  }
  await ensureCommits(
    git,
    remote,
    targets.map((t) => t.good),
  )
  const located: Located[] = []
  for (const t of targets) {
    const sources = gitSources(t.app)
    if (sources.length === 0) {
      throw new Error(
        `${t.name} has no path in a Git repository (a chart from a Helm repository?); use mode argocd-history`,
      )
    }
    for (const s of sources) {
      if (url !== '' && !sameRepository(s.repoURL, url)) {
        deps.logger.warning(
          `${t.name} reads ${s.repoURL}, not the checkout's ${remote}; a revert here may not reach it`,
          'Another repository',
        )
      }
    }
    const good = (await git.resolve(t.good)) ?? t.good
    located.push({ ...t, group: { good, paths: sources.map((s) => s.path) } })
  }
  return located
}

// One group per good revision; `paths` join the newest, which every other
// good revision must lead to.
async function restoreGroups(
  git: Git,
  located: readonly Located[],
  extra: readonly string[],
): Promise<RestoreGroup[]> {
  const byGood = new Map<string, Set<string>>()
  for (const { group } of located) {
    const paths = byGood.get(group.good) ?? new Set<string>()
    for (const p of group.paths) paths.add(p)
    byGood.set(group.good, paths)
  }
  if (extra.length > 0) {
    const goods = [...byGood.keys()]
    let newest: string | undefined
    for (const g of goods) {
      let leads = true
      for (const other of goods) leads &&= await git.isAncestor(other, g)
      if (leads) newest = g
    }
    if (newest === undefined) {
      throw new ConfigError(
        'paths',
        extra.join(', '),
        'paths for applications whose recorded revisions lie on one line of history (they are restored to the newest)',
      )
    }
    const paths = byGood.get(newest)
    for (const p of extra) paths?.add(p === '' ? '.' : p)
  }
  return [...byGood.entries()].map(([good, paths]) => ({
    good,
    paths: [...paths],
  }))
}

async function currentBranch(git: Git): Promise<string> {
  const name = await git.text(['rev-parse', '--abbrev-ref', 'HEAD'])
  if (name === 'HEAD') {
    throw new ConfigError(
      'branch',
      '',
      'the branch Argo CD follows: the checkout is on a detached HEAD',
    )
  }
  return name
}

function logRevert(
  plan: RevertPlan,
  sha: string | undefined,
  dryRun: boolean,
  deps: RollbackDeps,
): void {
  if (plan.files.length === 0) {
    deps.logger.info(
      'the paths already match the recorded revisions: nothing to commit',
    )
    return
  }
  const files = plan.files.map((f) => `  ${f.status} ${f.file}`)
  const commits = plan.commits.map(
    (c) => `  ${c.sha.slice(0, 12)} ${c.subject}`,
  )
  const what = dryRun ? 'dry run: would commit' : `pushed ${sha ?? ''}:`
  deps.logger.info(
    [
      `${what} ${plan.files.length} file(s) back to the recorded revisions`,
      ...files,
      ...(commits.length === 0 ? [] : ['undoing', ...commits]),
    ].join('\n'),
  )
}
