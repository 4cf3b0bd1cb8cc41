import { apiMessage, createOnce } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { GitHubRepo } from './github-release.js'

/**
 * Opens the announcement issue unless one with the same title exists;
 * returns whether it opened one. Issues are looked up by title among those
 * updated since the release commit, whatever their labels, so changing
 * the labels never announces a release twice.
 */
export async function announce(
  gh: GitHubRepo,
  title: string,
  body: string,
  labels: readonly string[],
  since: string,
  logger: Logger,
): Promise<boolean> {
  const find = async (): Promise<{ html_url: string } | undefined> => {
    const issues = await gh.octokit.paginate(
      gh.octokit.rest.issues.listForRepo,
      {
        owner: gh.owner,
        repo: gh.repo,
        state: 'all',
        since,
        per_page: 100,
      },
    )
    return issues.find((i) => i.title === title && !i.pull_request)
  }
  try {
    const same = await find()
    if (same !== undefined) {
      logger.info(`announcement exists: ${same.html_url}`)
      return false
    }
    const opened = await createOnce({
      attempts: gh.attempts,
      create: async (request) =>
        (
          await gh.octokit.rest.issues.create({
            owner: gh.owner,
            repo: gh.repo,
            title,
            body,
            labels: [...labels],
            request,
          })
        ).data,
      find,
    })
    logger.info(`opened announcement ${opened.html_url}`)
    return true
  } catch (error: unknown) {
    throw new Error(
      `opening the announcement issue failed: ${apiMessage(error)}`,
    )
  }
}
