// The revert commit's message: a Conventional Commits `revert:` subject
// naming the applications, why the rollback ran, and what it undoes, so
// the GitOps history explains itself.
import { shortRevision } from '../../../lib/argocd/index.js'
import type { RevertMethod, RevertPlan } from './revert.js'
import type { RollbackTarget } from './rollback.js'
import type { RollbackSettings } from './settings.js'

/** An application and the paths that are its manifests. */
interface Placed extends RollbackTarget {
  group: { paths: readonly string[] }
}

/** The message of the commit that takes `plan` back by `method`. */
export function revertMessage(
  plan: RevertPlan,
  method: RevertMethod,
  targets: readonly Placed[],
  settings: Pick<RollbackSettings, 'reason' | 'backup'>,
): string {
  const changed = targets.filter((t) =>
    plan.files.some((f) => t.group.paths.some((p) => under(f.file, p))),
  )
  const named = (changed.length > 0 ? changed : targets).map((t) => t.name)
  const goods = [...new Set(plan.groups.map((g) => g.good))]
  const to =
    goods.length === 1
      ? shortRevision(goods[0] ?? '')
      : 'their recorded revisions'
  const lines = [`revert: roll back ${named.join(', ')} to ${to}`, '']
  if (settings.reason !== undefined) {
    lines.push(`Why: ${settings.reason}`, '')
  }
  lines.push(
    `Returns the manifests to what Argo CD ran before the deploy (recorded ${settings.backup.recordedAt || 'by deploy'}).`,
  )
  if (method === 'revert') {
    lines.push('', 'Reverts:')
    for (const c of plan.commits) {
      lines.push(`- ${c.sha.slice(0, 12)} ${c.subject}`)
    }
  } else {
    lines.push(
      '',
      'Restores these paths as they were (a plain revert of the commits since did not apply cleanly):',
    )
    for (const g of plan.groups) {
      lines.push(`- ${g.paths.join(', ')} from ${g.good.slice(0, 12)}`)
    }
  }
  return `${lines.join('\n')}\n`
}

function under(file: string, path: string): boolean {
  return path === '.' || file === path || file.startsWith(`${path}/`)
}
