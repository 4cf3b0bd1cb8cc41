import type { GitHubClient } from '../../../lib/github/index.js'

/** The GitHub client and the repository the pull request belongs to. */
export interface RepoClient {
  readonly octokit: GitHubClient
  readonly owner: string
  readonly repo: string
}
