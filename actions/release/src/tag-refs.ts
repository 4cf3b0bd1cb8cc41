import { apiMessage, httpStatus } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { GitHubRepo } from './github-release.js'

/**
 * Points each floating tag at the commit with a lightweight ref (never a
 * tag of a tag), through the API so no checkout is needed. A tag already on
 * the commit is left alone. Returns the tags that moved.
 */
export async function moveFloatingTags(
  gh: GitHubRepo,
  tags: readonly string[],
  sha: string,
  logger: Logger,
): Promise<string[]> {
  const moved: string[] = []
  for (const tag of tags) {
    try {
      if (await moveTag(gh, tag, sha)) moved.push(tag)
    } catch (error: unknown) {
      throw new Error(
        `moving the floating tag ${tag} to ${sha.slice(0, 7)} failed: ${apiMessage(error)}`,
      )
    }
    if (moved.includes(tag)) logger.info(`moved ${tag} → ${sha.slice(0, 7)}`)
  }
  return moved
}

/** Points one tag ref at a commit; false when it was there already. */
async function moveTag(
  gh: GitHubRepo,
  tag: string,
  sha: string,
): Promise<boolean> {
  const ref = `tags/${tag}`
  let current: { sha: string; type: string } | undefined
  try {
    const { data } = await gh.octokit.rest.git.getRef({
      owner: gh.owner,
      repo: gh.repo,
      ref,
    })
    current = data.object
  } catch (error: unknown) {
    if (httpStatus(error) !== 404) throw error
  }
  if (current?.sha === sha && current.type === 'commit') return false
  if (current === undefined) {
    try {
      await gh.octokit.rest.git.createRef({
        owner: gh.owner,
        repo: gh.repo,
        ref: `refs/${ref}`,
        sha,
        request: { retries: 0 },
      })
      return true
    } catch (error: unknown) {
      // Made by an attempt that failed late, or by another run: point it
      // at the commit below whatever it names.
      if (httpStatus(error) !== 422 && (httpStatus(error) ?? 500) < 500) {
        throw error
      }
    }
  }
  {
    await gh.octokit.rest.git.updateRef({
      owner: gh.owner,
      repo: gh.repo,
      ref,
      sha,
      force: true,
    })
  }
  return true
}
