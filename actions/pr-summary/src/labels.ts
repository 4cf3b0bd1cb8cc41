// The pull request's labels: the ones this stage owns (every size label
// and every configured component) are made to match what applies; any
// other label is left as it is. Missing labels are created with a colour.
import { httpStatus, isAlreadyExists } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { RepoClient } from './repo-client.js'

/** The labels to add and to remove. */
export interface LabelPlan {
  readonly add: readonly string[]
  readonly remove: readonly string[]
}

/** How a label this stage creates looks. */
export interface LabelStyle {
  readonly color: string
  readonly description: string
  /** Configured by the user, so an existing label is recoloured to match. */
  readonly configured: boolean
}

const same = (a: string, b: string): boolean =>
  a.toLowerCase() === b.toLowerCase()
const among = (list: readonly string[], name: string): boolean =>
  list.some((l) => same(l, name))

/** What to add and remove so the owned labels are exactly `wanted`. */
export function planLabels(
  current: readonly string[],
  wanted: readonly string[],
  owned: readonly string[],
): LabelPlan {
  return {
    add: wanted.filter((l) => !among(current, l)),
    remove: current.filter((l) => among(owned, l) && !among(wanted, l)),
  }
}

/** Creates the missing labels, and recolours configured ones that differ. */
export async function ensureLabels(
  client: RepoClient,
  styles: ReadonlyMap<string, LabelStyle>,
  logger: Logger,
): Promise<void> {
  const { octokit, owner, repo } = client
  const existing = await octokit.paginate(
    octokit.rest.issues.listLabelsForRepo,
    { owner, repo, per_page: 100 },
  )
  for (const [name, style] of styles) {
    const found = existing.find((l) => same(l.name, name))
    if (found === undefined) {
      try {
        await octokit.rest.issues.createLabel({
          owner,
          repo,
          name,
          color: style.color,
          description: style.description,
        })
        logger.info(`created label ${name} (#${style.color})`)
      } catch (error: unknown) {
        // Another run created it first.
        if (!isAlreadyExists(error)) throw error
      }
    } else if (style.configured && found.color !== style.color) {
      await octokit.rest.issues.updateLabel({
        owner,
        repo,
        name: found.name,
        color: style.color,
        description: style.description,
      })
      logger.info(`recoloured label ${found.name} (#${style.color})`)
    }
  }
}

/** Adds and removes labels on the pull request. */
export async function applyPlan(
  client: RepoClient,
  pull: number,
  plan: LabelPlan,
  logger: Logger,
): Promise<void> {
  const { octokit, owner, repo } = client
  if (plan.add.length > 0) {
    await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: pull,
      labels: [...plan.add],
    })
    logger.info(`added labels: ${plan.add.join(', ')}`)
  }
  for (const name of plan.remove) await removeLabel(client, pull, name)
  if (plan.remove.length > 0) {
    logger.info(`removed labels: ${plan.remove.join(', ')}`)
  }
}

/**
 * Leaves exactly one size label after racing runs. The run whose SHA is
 * still the head removes every other size label (and puts its own back if
 * a stale run took it); a run that has become stale removes its own label
 * when another one is there, and otherwise leaves it.
 */
export async function settleSizeLabel(
  client: RepoClient,
  pull: { number: number; headSha: string },
  own: string,
  sizeLabels: readonly string[],
  logger: Logger,
): Promise<void> {
  const { octokit, owner, repo } = client
  const { data } = await octokit.rest.pulls.get({
    owner,
    repo,
    pull_number: pull.number,
  })
  const present = data.labels
    .map((l) => l.name)
    .filter((name) => among(sizeLabels, name))
  if (data.head.sha === pull.headSha) {
    const others = present.filter((name) => !same(name, own))
    for (const name of others) await removeLabel(client, pull.number, name)
    if (others.length > 0) {
      logger.info(`removed size labels a racing run left: ${others.join(', ')}`)
    }
    if (!among(present, own)) {
      await octokit.rest.issues.addLabels({
        owner,
        repo,
        issue_number: pull.number,
        labels: [own],
      })
    }
    return
  }
  if (present.length > 1 && among(present, own)) {
    await removeLabel(client, pull.number, own)
    logger.info(`the head moved on while labelling; removed ${own} again`)
  }
}

async function removeLabel(
  client: RepoClient,
  pull: number,
  name: string,
): Promise<void> {
  const { octokit, owner, repo } = client
  try {
    await octokit.rest.issues.removeLabel({
      owner,
      repo,
      issue_number: pull,
      name,
    })
  } catch (error: unknown) {
    // Already gone: removed by hand or by another run.
    if (httpStatus(error) !== 404) throw error
  }
}
