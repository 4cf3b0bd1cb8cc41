// Runs the built bundle, `node dist/build-images/index.js`, as a child
// process with the environment an Actions runner gives a step, the fake
// docker and cosign first on PATH, in a temp git repository holding
// Dockerfiles. Shared by test/e2e/build-images*.test.ts.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FakeTools } from '../../../test/support/fake-tools.js'
import { createFakeTools } from '../../../test/support/fake-tools.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { readOutputs, runnerFiles } from '../../../test/support/runner-env.js'

/** The bundle under test, resolved from the repository root. */
export const BUILD_IMAGES_BUNDLE = fileURLToPath(
  new URL('../../../dist/build-images/index.js', import.meta.url),
)

/** The registry password every run is given; it must never show. */
export const REGISTRY_PASSWORD = 'ghp_registrySecret0987654321'

/** Throws, naming the fix, when the bundle has not been built. */
export function requireBundle(): void {
  if (!existsSync(BUILD_IMAGES_BUNDLE)) {
    throw new Error(
      `${BUILD_IMAGES_BUNDLE} is missing: run \`npm run build\` before the end-to-end tests`,
    )
  }
}

/** What one bundle run left behind. */
export interface BundleRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The GITHUB_OUTPUT file as written. */
  outputText: string
  summary: string
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

async function runBundle(
  inputs: Record<string, string>,
  trigger: Trigger,
  vars: Record<string, string>,
): Promise<BundleRun> {
  const files = runnerFiles(inputs, vars, trigger.payload ?? {})
  try {
    const ended = await spawnBundle(files.env, vars.GITHUB_WORKSPACE ?? '.')
    return {
      ...ended,
      outputs: readOutputs(files.outputFile),
      outputText: readFileSync(files.outputFile, 'utf8'),
      summary: readFileSync(files.summaryFile, 'utf8'),
    }
  } finally {
    rmSync(files.dir, { recursive: true, force: true })
  }
}

function spawnBundle(
  env: Record<string, string>,
  cwd: string,
): Promise<Pick<BundleRun, 'exitCode' | 'stdout' | 'stderr'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BUILD_IMAGES_BUNDLE], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 25_000,
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.once('error', reject)
    child.once('close', (exitCode) =>
      resolve({
        exitCode,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    )
  })
}

/** Throws with the run's log when the bundle did not exit 0. */
export function expectSuccess(run: BundleRun): void {
  if (run.exitCode === 0) return
  throw new Error(
    `the build-images bundle failed (exit ${String(run.exitCode)}):\n${run.stdout}\n${run.stderr}`,
  )
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
