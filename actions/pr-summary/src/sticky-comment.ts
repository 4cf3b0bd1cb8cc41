// One comment per pull request and summary id, found by a hidden marker
// at its start (C54). It embeds the head SHA it describes; a run updates
// it, and a race between two runs that both created one is settled by
// keeping the oldest. Whether this run may write at all (is its SHA still
// the head?) is decided before, by the caller.
import { createOnce, httpStatus } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { RepoClient } from './repo-client.js'

/** The hidden line that starts every summary comment of this id. */
export function commentMarker(id: string): string {
  return `<!-- cortex-actions:pr-summary:${id} -->`
}

/** The comment's whole body: marker, head SHA, then the summary. */
export function commentBody(
  id: string,
  headSha: string,
  summary: string,
): string {
  return `${commentMarker(id)}\n<!-- head-sha: ${headSha} -->\n${summary}`
}

/** The head SHA a summary comment says it describes. */
export function headShaOf(body: string): string | undefined {
  const second = body.split('\n', 2)[1] ?? ''
  return /^<!-- head-sha: ([0-9a-f]{7,64}) -->$/.exec(second)?.[1]
}

/** The comment as it stands after the run. */
export interface StickyComment {
  readonly id: number
  readonly url: string
  readonly action: 'created' | 'updated' | 'unchanged'
  /** Duplicates left by a race, deleted. */
  readonly removed: number
}

interface MarkedComment {
  id: number
  body: string
  url: string
  createdAt: string
}

/** Creates or updates the pull request's summary comment. */
export async function upsertComment(
  client: RepoClient,
  pull: number,
  marker: string,
  body: string,
  logger: Logger,
): Promise<StickyComment> {
  const { octokit, owner, repo } = client
  const found = await markedComments(client, pull, marker)
  let all = found
  let created: MarkedComment | undefined
  if (found.length === 0) {
    created = await createOnce({
      attempts: 3,
      create: async (noRetry) => {
        const { data } = await octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: pull,
          body,
          request: noRetry,
        })
        return {
          id: data.id,
          body,
          url: data.html_url,
          createdAt: data.created_at,
        }
      },
      find: async () =>
        (await markedComments(client, pull, marker)).find(
          (c) => c.body === body,
        ),
    })
    // Another run may have created one at the same time: list again and
    // keep the oldest, which every racing run agrees on.
    all = await markedComments(client, pull, marker)
  }
  const kept = all[0] ?? created
  if (kept === undefined) throw new Error('the summary comment vanished')
  let action: StickyComment['action'] =
    kept.id === created?.id ? 'created' : 'unchanged'
  // A comment found before this run wrote is this run's to update (the
  // caller made sure its SHA is the head); one a racing run made is only
  // updated when it describes the same head.
  const ours = created === undefined || sameHead(kept.body, body)
  if (kept.body !== body && ours) {
    await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: kept.id,
      body,
    })
    action = 'updated'
  }
  const duplicates = all.filter((c) => c.id !== kept.id)
  for (const duplicate of duplicates) {
    await deleteComment(client, duplicate.id)
  }
  if (duplicates.length > 0) {
    logger.info(`removed ${duplicates.length} duplicate summary comment(s)`)
  }
  logger.info(`summary comment ${action}: ${kept.url}`)
  return { id: kept.id, url: kept.url, action, removed: duplicates.length }
}

function sameHead(a: string, b: string): boolean {
  return headShaOf(a) === headShaOf(b)
}

/**
 * Whether a marked comment may be this stage's: written by a bot (the
 * token of a workflow or an app) or by someone with write access. Anyone
 * can comment the marker on a public pull request; such a comment must
 * not be updated under their name while the real summary is deleted.
 */
export function trustedAuthor(comment: {
  user?: { type?: string } | null
  author_association?: string
}): boolean {
  if (comment.user?.type === 'Bot') return true
  return ['OWNER', 'MEMBER', 'COLLABORATOR'].includes(
    comment.author_association ?? '',
  )
}

/** The pull request's comments that start with the marker, oldest first. */
async function markedComments(
  client: RepoClient,
  pull: number,
  marker: string,
): Promise<MarkedComment[]> {
  const { octokit, owner, repo } = client
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pull,
    per_page: 100,
  })
  return comments
    .filter(
      (c) =>
        (c.body === marker || (c.body ?? '').startsWith(`${marker}\n`)) &&
        trustedAuthor(c),
    )
    .map((c) => ({
      id: c.id,
      body: c.body ?? '',
      url: c.html_url,
      createdAt: c.created_at,
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id)
}

async function deleteComment(client: RepoClient, id: number): Promise<void> {
  const { octokit, owner, repo } = client
  try {
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: id })
  } catch (error: unknown) {
    // Another run deleted it first.
    if (httpStatus(error) !== 404) throw error
  }
}
