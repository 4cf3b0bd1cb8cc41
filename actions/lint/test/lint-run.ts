// What the lint tests share: the example event payloads, a GitHub API
// stand-in with pull requests seeded at chosen numbers, and main.ts run in
// this process as the runner would run the step.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type {
  GitHubApi,
  Issue,
  PullSeed,
} from '../../../test/support/github-api.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import { runInProcess } from '../../../test/support/run-in-process.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

export { expectOk } from '../../../test/support/run-in-process.js'
export type { StageRun } from '../../../test/support/run-in-process.js'

/** The token the stand-in asks for; it must never be shown. */
export const TOKEN = 'ghs_lintStageToken0123456789abcdef'

/** The repository of examples/events. */
export const REPOSITORY = 'example-org/cortex'

const EVENTS = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../../examples/events',
)

/** An event payload of examples/events, by file name without `.json`. */
export function loadEvent(name: string): Record<string, unknown> {
  const text = readFileSync(join(EVENTS, `${name}.json`), 'utf8')
  return JSON.parse(text) as Record<string, unknown>
}

/** Starts a stand-in that wants TOKEN; `close` stops it. */
export function startApi(): Promise<GitHubApi> {
  return startGitHubApi({ token: TOKEN })
}

/** Seeds a pull request of REPOSITORY with exactly this number. */
export function seedPull(
  api: GitHubApi,
  number: number,
  seed: PullSeed,
): Issue {
  const repo = api.state.repo(REPOSITORY)
  // Numbers are handed out in order, so the ones before are used up.
  let last = 0
  while (last < number - 1) last = repo.nextNumber()
  if (last > 0 && last !== number - 1) {
    throw new Error(`#${number} is already taken`)
  }
  return repo.seedPull(seed)
}

/** Runs lint for an event against the stand-in. */
export function runLint(
  api: GitHubApi,
  eventName: string,
  event: object,
  inputs: Record<string, string> = {},
): Promise<StageRun> {
  return runInProcess(
    run,
    { token: TOKEN, ...inputs },
    {
      GITHUB_EVENT_NAME: eventName,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_API_URL: api.url,
      // Never to be read: a pull request's branch is its head ref.
      GITHUB_REF: 'refs/pull/7/merge',
    },
    event,
  )
}

/** Every place a secret could leak, but the line that masks it. */
export function shown(step: StageRun): string {
  return [step.outputText, step.summary, step.log]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}
