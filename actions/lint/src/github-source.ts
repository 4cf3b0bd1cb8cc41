// The pull requests of a GitHub run, read with read access only: GET the
// pull request and GET its files, page by page. The files come from the
// paginated files endpoint, never from the single diff, which GitHub refuses
// with 406 past 300 files (cpp-linter/cpp-linter-action#249).
// https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
import type { GitHubClient } from '../../../lib/github/index.js'
import { apiMessage, httpStatus } from '../../../lib/github/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type {
  ChangedFile,
  FileList,
  LintTarget,
  PullRequest,
} from './pull-request.js'
import type { LintTrigger } from './trigger.js'
import { pullFromJson } from './trigger.js'

/** The two reads lint makes of GitHub. */
export interface PullApi {
  getPull(number: number): Promise<PullRequest>
  listFiles(number: number): Promise<ChangedFile[]>
}

/** The most files a page of the files endpoint holds. */
export const FILES_PER_PAGE = 100
/** GitHub lists at most 3 000 files of a pull request: 30 pages of 100. */
const MAX_FILE_PAGES = 30

/**
 * The PullApi of one repository, on Octokit. An error names the pull
 * request and GitHub's answer, with `secret` (the token) cut out of it in
 * case a server echoed it.
 */
export function octokitPullApi(
  octokit: GitHubClient,
  repository: string,
  secret?: string,
): PullApi {
  const [owner = '', repo = ''] = repository.split('/')
  const failed = (error: unknown, number: number): never => {
    const message = failure(error, number, repository)
    throw new Error(secret ? message.split(secret).join('***') : message)
  }
  return {
    async getPull(number) {
      const { data } = await octokit.rest.pulls
        .get({ owner, repo, pull_number: number })
        .catch((error: unknown) => failed(error, number))
      const pull = pullFromJson(data)
      if (pull === undefined) {
        throw new Error(`GitHub answered no pull request for #${number}`)
      }
      return pull
    },
    async listFiles(number) {
      // Page by number, never by the Link header: GitHub lists at most
      // 3 000 files (30 pages), and a Link that repeats a page or points
      // at another host would loop forever or carry the token away.
      const files = []
      for (let page = 1; page <= MAX_FILE_PAGES; page += 1) {
        const { data } = await octokit.rest.pulls
          .listFiles({
            owner,
            repo,
            pull_number: number,
            per_page: FILES_PER_PAGE,
            page,
          })
          .catch((error: unknown) => failed(error, number))
        files.push(...data)
        if (data.length < FILES_PER_PAGE) break
      }
      return files.map((f) => ({
        path: f.filename,
        status: f.status,
        additions: f.additions,
        ...(f.patch !== undefined && { patch: f.patch }),
      }))
    },
  }
}

/** The pull requests a pull-request or merge-group run checks. */
export async function githubTargets(
  trigger: Exclude<LintTrigger, { kind: 'local' }>,
  api: PullApi | undefined,
  logger: Logger,
): Promise<LintTarget[]> {
  if (trigger.kind === 'merge-group') {
    logger.info(
      `merge group ${trigger.headRef}: pull request ${trigger.numbers.map((n) => `#${n}`).join(', ')}`,
    )
    if (api === undefined)
      throw tokenNeeded('the pull requests of a merge group')
    const pulls = await Promise.all(trigger.numbers.map((n) => api.getPull(n)))
    return pulls.map((pull) => target(pull, api))
  }
  const { pull } = trigger
  if (pull.fork) {
    logger.info(
      `#${pull.number} comes from a fork: the checks read it and write nothing`,
    )
  }
  if (api === undefined) return [target(pull, undefined)]
  // A re-run replays the original payload, so the title and labels are read
  // afresh: an edited title is checked as it is now.
  return [target(await api.getPull(pull.number), api)]
}

function target(pull: PullRequest, api: PullApi | undefined): LintTarget {
  return {
    pull,
    async files(): Promise<FileList> {
      if (api === undefined || pull.number === undefined) {
        throw tokenNeeded("the pull request's files")
      }
      const files = await api.listFiles(pull.number)
      const unlisted = Math.max(0, (pull.changedFiles ?? 0) - files.length)
      return { files, unlisted }
    },
  }
}

function tokenNeeded(what: string): ConfigError {
  return new ConfigError(
    'token',
    '',
    `a token that can read ${what} (the default \`\${{ github.token }}\` can)`,
  )
}

function failure(error: unknown, number: number, repository: string): string {
  const status = httpStatus(error)
  const access =
    status === 403 || status === 404
      ? '; the token needs `pull-requests: read` on this repository'
      : ''
  return `could not read pull request #${number} of ${repository}: ${apiMessage(error)}${status === undefined ? '' : ` (HTTP ${status})`}${access}`
}
