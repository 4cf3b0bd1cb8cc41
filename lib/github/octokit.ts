import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../runner/logger.js'

/** The longest rate-limit wait a request sits out before giving up. */
export const MAX_WAIT_SECONDS = 120

/** The Octokit every stage uses: REST methods, pagination, retry, throttling. */
export type GitHubClient = ReturnType<typeof getOctokit>

/** How to reach the GitHub API. */
export interface GitHubOptions {
  token: string
  /** REST API root: GITHUB_API_URL, e.g. https://ghe.example/api/v3. */
  apiUrl: string
  logger: Logger
  /** Retries of a 5xx or a rate-limited request; 0 turns retrying off. */
  retries?: number
  /** Milliseconds before one request is abandoned as hung. */
  timeoutMs?: number
}

/**
 * Builds an Octokit on @actions/github with the retry and throttling
 * plugins. The base URL is passed in rather than read when @actions/github
 * loads, so GitHub Enterprise Server and the test stand-in both work.
 */
export function createGitHubClient(options: GitHubOptions): GitHubClient {
  const retries = options.retries ?? 3
  const timeoutMs = options.timeoutMs ?? 60_000
  const { logger } = options
  const octokit = getOctokit(
    options.token,
    {
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      retry: { retries, enabled: retries > 0 },
      throttle: {
        enabled: retries > 0,
        onRateLimit: (after: number, request: RequestInfo, _o, count: number) =>
          onLimit('rate limit', after, request, count),
        onSecondaryRateLimit: (
          after: number,
          request: RequestInfo,
          _o,
          count: number,
        ) => onLimit('secondary rate limit', after, request, count),
      },
    },
    retry,
    throttling,
  )
  octokit.hook.wrap('request', async (request, endpoint) => {
    endpoint.request = {
      ...endpoint.request,
      signal: AbortSignal.timeout(timeoutMs),
    }
    return request(endpoint)
  })
  return octokit

  function onLimit(
    kind: string,
    after: number,
    request: RequestInfo,
    count: number,
  ): boolean {
    // A wait longer than a job should sit idle is reported, not waited out.
    const retrying = count < retries && after <= MAX_WAIT_SECONDS
    logger.warning(
      `${request.method} ${request.url} hit the ${kind}; ` +
        (retrying
          ? `retrying in ${after} s`
          : `giving up (GitHub asks to wait ${after} s; at most ${MAX_WAIT_SECONDS} s are waited)`),
      'GitHub API rate limit',
    )
    return retrying
  }
}

interface RequestInfo {
  method: string
  url: string
}
