// Runs a built stage, `node dist/<stage>/index.js`, as a child process with
// the environment an Actions runner gives a step: INPUT_* variables, the
// GITHUB_* variables given, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files and
// an event payload. Only PATH and HOME come from this process (unless the
// step sets them), so jest's NODE_OPTIONS and the rest of the developer's
// environment never reach the bundle.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readOutputs, runnerFiles } from './runner-env.js'

/** The bundle of a stage, resolved from the repository root. */
export function bundlePath(stage: string): string {
  return fileURLToPath(new URL(`../../dist/${stage}/index.js`, import.meta.url))
}

/** Throws, naming the fix, when the stage's bundle has not been built. */
export function requireBundle(stage: string): void {
  const path = bundlePath(stage)
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run \`npm run build\` before the end-to-end tests`,
    )
  }
}

/** What one bundle run left behind. */
export interface BundleRun {
  exitCode: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  /** The GITHUB_OUTPUT file as written. */
  outputText: string
  summary: string
}

/** One step: its inputs, variables, event payload and folder. */
export interface BundleStep {
  inputs: Record<string, string>
  vars: Record<string, string>
  event?: object
  cwd: string
  /** Kills the bundle after this long; 25 s by default. */
  timeoutMs?: number
}

/** Runs the stage's bundle for one step and collects what it left. */
export async function runBundle(
  stage: string,
  step: BundleStep,
): Promise<BundleRun> {
  const files = runnerFiles(step.inputs, step.vars, step.event ?? {})
  const env: Record<string, string> = {}
  for (const key of ['PATH', 'HOME']) {
    const value = process.env[key]
    if (value !== undefined) env[key] = value
  }
  Object.assign(env, files.env)
  try {
    const ended = await spawnBundle(bundlePath(stage), env, step)
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

/** Throws with the run's log when the bundle did not exit 0. */
export function expectSuccess(stage: string, run: BundleRun): void {
  if (run.exitCode === 0) return
  throw new Error(
    `the ${stage} bundle failed (exit ${String(run.exitCode)}):\n${run.stdout}\n${run.stderr}`,
  )
}

// Async, so stand-ins served from this same process keep answering.
function spawnBundle(
  bundle: string,
  env: Record<string, string>,
  step: BundleStep,
): Promise<Pick<BundleRun, 'exitCode' | 'signal' | 'stdout' | 'stderr'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle], {
      cwd: step.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: step.timeoutMs ?? 25_000,
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.once('error', reject)
    child.once('close', (exitCode, signal) =>
      resolve({
        exitCode,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    )
  })
}
