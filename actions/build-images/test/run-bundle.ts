// Runs the built bundle, `node dist/build-images/index.js`, as a child
// process with the environment an Actions runner gives a step, the fake
// docker and cosign first on PATH, in a temp git repository holding
// Dockerfiles. Shared by test/e2e/build-images*.test.ts.
import type { FakeTools } from '../../../test/support/fake-tools.js'
import { createFakeTools } from '../../../test/support/fake-tools.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import {
  bundlePath,
  expectSuccess as expectStageSuccess,
  requireBundle as requireStageBundle,
  runBundle as runStageBundle,
} from '../../../test/support/run-bundle.js'
import type { BundleRun } from '../../../test/support/run-bundle.js'

export type { BundleRun } from '../../../test/support/run-bundle.js'

/** The bundle under test, resolved from the repository root. */
export const BUILD_IMAGES_BUNDLE = bundlePath('build-images')

/** The registry password every run is given; it must never show. */
export const REGISTRY_PASSWORD = 'ghp_registrySecret0987654321'

/** Throws, naming the fix, when the bundle has not been built. */
export function requireBundle(): void {
  requireStageBundle('build-images')
}

/** The event a step runs for. */
export interface Trigger {
  event?: string
  ref: string
  sha?: string
  payload?: object
}

/** A repository with Dockerfiles and the fakes, and the step run in it. */
export interface ImagesFixture {
  repo: GitRepo
  fakes: FakeTools
  /** HEAD when the fixture was made. */
  head: string
  run(
    inputs: Record<string, string>,
    trigger: Trigger,
    vars?: Record<string, string>,
  ): Promise<BundleRun>
  close(): void
}

/**
 * A clone with a root Dockerfile and two services, and the fakes playing
 * `faults`.
 */
export function startFixture(
  faults: Record<string, string> = {},
): ImagesFixture {
  const repo = createRepo()
  const head = repo.commit('chore: init', {
    Dockerfile: 'FROM alpine:3.20\n',
    'services/api/Dockerfile': 'FROM node:24-alpine\n',
    'services/worker/Dockerfile': 'FROM node:24-alpine\n',
  })
  const fakes = createFakeTools(faults)
  return {
    repo,
    fakes,
    head,
    run: (inputs, trigger, vars = {}) =>
      runBundle(inputs, trigger, {
        ...stepVars(repo, fakes, trigger),
        ...vars,
      }),
    close: () => {
      repo.cleanup()
      fakes.cleanup()
    },
  }
}

function stepVars(
  repo: GitRepo,
  fakes: FakeTools,
  trigger: Trigger,
): Record<string, string> {
  // Only HOME comes from this process: jest's NODE_OPTIONS and anything
  // else of the developer's must not reach the bundle.
  return {
    ...fakes.env,
    ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
    GITHUB_WORKSPACE: repo.workDir,
    GITHUB_EVENT_NAME: trigger.event ?? 'push',
    GITHUB_REF: trigger.ref,
    GITHUB_SHA: trigger.sha ?? repo.head(),
    GITHUB_REPOSITORY: 'org/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_ACTIONS: 'true',
  }
}

function runBundle(
  inputs: Record<string, string>,
  trigger: Trigger,
  vars: Record<string, string>,
): Promise<BundleRun> {
  return runStageBundle('build-images', {
    inputs,
    vars,
    event: trigger.payload ?? {},
    cwd: vars.GITHUB_WORKSPACE ?? '.',
  })
}

/** Throws with the run's log when the bundle did not exit 0. */
export function expectSuccess(run: BundleRun): void {
  expectStageSuccess('build-images', run)
}

/** The images output, parsed. */
export function imagesOutput(run: BundleRun): {
  name: string
  tags: string[]
  digest: string
  ref: string
  platforms: string[]
  signed: boolean
}[] {
  return JSON.parse(run.outputs.images ?? '[]') as ReturnType<
    typeof imagesOutput
  >
}

/** The value of every `--<option>` in a command line. */
export function optionValues(
  args: readonly string[],
  option: string,
): string[] {
  return args.flatMap((arg, i) =>
    arg === option && args[i + 1] !== undefined ? [args[i + 1]] : [],
  )
}

/**
 * Where the secret shows in anything the run printed or wrote, the
 * `::add-mask::` line aside (the runner consumes it, never shows it).
 */
export function leaks(
  run: BundleRun,
  fakes: FakeTools,
  secret: string,
): string[] {
  const visible = (text: string): boolean =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .some((line) => line.includes(secret))
  const places: [string, string][] = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    ['outputs', run.outputText],
    ['summary', run.summary],
    ['argv', JSON.stringify(fakes.calls().map((call) => call.args))],
  ]
  return places.filter(([, text]) => visible(text)).map(([place]) => place)
}
