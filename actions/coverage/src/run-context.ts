// What the run is about, from the runner's variables and the event
// payload: a pull request's base (for the diff and the baseline to compare
// with) or a push to the default branch (whose totals become a baseline).
import { existsSync, readFileSync } from 'node:fs'
import { errorMessage } from '../../../lib/runner/index.js'

/** The pull request a run is for. */
export interface PullRequestFacts {
  /** The base branch's name, `main`. */
  readonly baseRef: string
  readonly baseSha: string
}

/** The facts of the run the coverage stage uses. */
export interface RunContext {
  readonly eventName?: string
  /** GITHUB_REF, `refs/heads/main`. */
  readonly ref?: string
  /** GITHUB_SHA, the commit the tests ran on. */
  readonly sha?: string
  /** The repository's default branch, from the event payload. */
  readonly defaultBranch?: string
  readonly pullRequest?: PullRequestFacts
}

/** The events that carry a pull request whose base a run compares with. */
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']

/** Reads the run's facts from the runner's variables and event payload. */
export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const payload = readPayload(env['GITHUB_EVENT_PATH'])
  const eventName = env['GITHUB_EVENT_NAME'] || undefined
  const repository = record(payload['repository'])
  const defaultBranch = text(repository?.['default_branch'])
  const pr = record(payload['pull_request'])
  const base = record(pr?.['base'])
  const baseRef = text(base?.['ref'])
  const baseSha = text(base?.['sha'])
  const isPullRequest =
    eventName !== undefined && PULL_REQUEST_EVENTS.includes(eventName)
  return {
    ...(eventName ? { eventName } : {}),
    ...(env['GITHUB_REF'] ? { ref: env['GITHUB_REF'] } : {}),
    ...(env['GITHUB_SHA'] ? { sha: env['GITHUB_SHA'] } : {}),
    ...(defaultBranch ? { defaultBranch } : {}),
    ...(isPullRequest && baseRef && baseSha
      ? { pullRequest: { baseRef, baseSha } }
      : {}),
  }
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (!path || !existsSync(path)) return {}
  try {
    return record(JSON.parse(readFileSync(path, 'utf8'))) ?? {}
  } catch (error: unknown) {
    throw new Error(
      `the event payload ${path} is not JSON: ${errorMessage(error)}`,
    )
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
