// Runs the built bundle, `node dist/update-manifests/index.js`, as a child
// process with the environment an Actions runner gives a step, in a clone
// of a temp origin. Shared by test/e2e/update-manifests*.test.ts.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { readOutputs, runnerFiles } from '../../../test/support/runner-env.js'

/** The bundle under test, resolved from the repository root. */
export const UPDATE_MANIFESTS_BUNDLE = fileURLToPath(
  new URL('../../../dist/update-manifests/index.js', import.meta.url),
)

/** Throws, naming the fix, when the bundle has not been built. */
export function requireBundle(): void {
  if (!existsSync(UPDATE_MANIFESTS_BUNDLE)) {
    throw new Error(
      `${UPDATE_MANIFESTS_BUNDLE} is missing: run \`npm run build\` before the end-to-end tests`,
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

/** Runs the bundle in the clone with these inputs and extra variables. */
export async function runBundle(
  repo: GitRepo,
  inputs: Record<string, string>,
  vars: Record<string, string> = {},
): Promise<BundleRun> {
  const files = runnerFiles(inputs, {
    GITHUB_WORKSPACE: repo.workDir,
    GITHUB_REPOSITORY: 'example-org/cortex',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_ACTIONS: 'true',
    ...vars,
  })
  // Only PATH and HOME come from this process: jest's NODE_OPTIONS and
  // anything else of the developer's must not reach the bundle.
  const env: Record<string, string> = { ...files.env }
  for (const key of ['PATH', 'HOME']) {
    const value = process.env[key]
    if (value !== undefined) env[key] = value
  }
  try {
    const ended = await spawnBundle(env, repo.workDir)
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
    const child = spawn(process.execPath, [UPDATE_MANIFESTS_BUNDLE], {
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
    `the update-manifests bundle failed (exit ${String(run.exitCode)}):\n${run.stdout}\n${run.stderr}`,
  )
}
