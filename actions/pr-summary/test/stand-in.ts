// A pull request on the GitHub API stand-in and the runner environment of
// a pr-summary step for it, shared by the stage's tests.
import { afterEach } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  GitHubApi,
  Issue,
  PullFile,
  RepoState,
} from '../../../test/support/github-api.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { runInProcess } from '../../../test/support/run-in-process.js'
import { createGitHubClient } from '../../../lib/github/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { PrSummaryDeps } from '../src/pr-summary.js'
import { run } from '../src/main.js'

export const REPOSITORY = 'example-org/cortex'
export const TOKEN = 'ghs_standInToken0123456789abcdef'
export const H1 = '1'.repeat(40)
export const H2 = '2'.repeat(40)

/** A changed file with these line counts. */
export function file(filename: string, additions = 1, deletions = 0): PullFile {
  return { filename, status: 'modified', additions, deletions }
}

/**
 * Registers the clean-up of a test file (stand-ins closed, runner temp
 * folders removed, after each test) and returns how a test starts one.
 */
export function standInsPerTest(): () => Promise<{
  api: GitHubApi
  repo: RepoState
}> {
  const apis: GitHubApi[] = []
  afterEach(async () => {
    removeRunnerTemps()
    await Promise.all(apis.splice(0).map((api) => api.close()))
  })
  return async () => {
    const stand = await standIn()
    apis.push(stand.api)
    return stand
  }
}

/** A running stand-in that insists on TOKEN. */
export async function standIn(): Promise<{ api: GitHubApi; repo: RepoState }> {
  const api = await startGitHubApi({ token: TOKEN })
  return { api, repo: api.state.repo(REPOSITORY) }
}

/** An open pull request from `branch` at `sha` with these files. */
export function seedPull(
  repo: RepoState,
  files: PullFile[],
  options: { sha?: string; branch?: string; labels?: string[] } = {},
): Issue {
  return repo.seedPull({
    title: 'feat: a change',
    head: { ref: options.branch ?? 'feature/x', sha: options.sha ?? H1 },
    base: { ref: 'main' },
    files,
    labels: options.labels ?? [],
  })
}

/** The pull_request event GitHub sends for that pull request. */
export function pullEvent(
  pull: Issue,
  options: { sha?: string; fromRepo?: string } = {},
): object {
  return {
    action: 'synchronize',
    number: pull.number,
    pull_request: {
      number: pull.number,
      head: {
        sha: options.sha ?? pull.pull?.head.sha,
        ref: pull.pull?.head.ref,
        repo: { full_name: options.fromRepo ?? REPOSITORY },
      },
      base: { ref: 'main', repo: { full_name: REPOSITORY } },
    },
  }
}

const tempDirs: string[] = []

/** Removes the RUNNER_TEMP folders of the steps run so far. */
export function removeRunnerTemps(): void {
  for (const dir of tempDirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Runs the stage in this process as the runner would. */
export function runStep(
  api: GitHubApi,
  inputs: Record<string, string>,
  event: object,
  vars: Record<string, string> = {},
): Promise<StageRun> {
  return runInProcess(
    run,
    { token: TOKEN, 'api-retries': '0', ...inputs },
    {
      GITHUB_API_URL: api.url,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_ACTOR: 'octocat',
      RUNNER_TEMP: runnerTemp(),
      ...vars,
    },
    event,
  )
}

function runnerTemp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pr-summary-test-'))
  tempDirs.push(dir)
  return dir
}

/** What the core needs, against the stand-in, without retries. */
export function coreDeps(
  api: GitHubApi,
): PrSummaryDeps & { logger: MemoryLogger } {
  const logger = new MemoryLogger()
  const octokit = createGitHubClient({
    token: TOKEN,
    apiUrl: api.url,
    logger,
    retries: 0,
  })
  const [owner = '', repo = ''] = REPOSITORY.split('/')
  return { client: { octokit, owner, repo }, logger }
}

/** The labels on the pull request, sorted. */
export function labelsOf(pull: Issue): string[] {
  return [...pull.labels].sort()
}

/** The pull request's comments' bodies, oldest first. */
export function commentsOf(repo: RepoState, pull: Issue): string[] {
  return [...repo.comments.values()]
    .filter((c) => c.issue_number === pull.number)
    .sort((a, b) => a.id - b.id)
    .map((c) => c.body)
}
