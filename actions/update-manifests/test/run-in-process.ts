// Runs update-manifests' main.ts in this process, as the runner would run
// the step: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files.
// What the stage prints is kept for assertions instead of shown.
import { readFileSync, rmSync } from 'node:fs'
import { readOutputs, runnerFiles } from '../../../test/support/runner-env.js'
import { run } from '../src/main.js'

/** What one in-process run left behind. */
export interface StageRun {
  outputs: Record<string, string>
  /** The GITHUB_OUTPUT file as written. */
  outputText: string
  summary: string
  /** Everything written to stdout: log lines and workflow commands. */
  log: string
  failed: boolean
}

/** Runs the stage with these inputs and GITHUB_* variables. */
export async function runUpdateManifests(
  inputs: Record<string, string>,
  vars: Record<string, string>,
): Promise<StageRun> {
  const files = runnerFiles(inputs, vars)
  const savedEnv = { ...process.env }
  const savedExit = process.exitCode
  const write = process.stdout.write.bind(process.stdout)
  const printed: string[] = []
  Object.assign(process.env, files.env)
  process.exitCode = undefined
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    printed.push(
      typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(),
    )
    return true
  }
  try {
    await run()
    return {
      outputs: readOutputs(files.outputFile),
      outputText: readFileSync(files.outputFile, 'utf8'),
      summary: readFileSync(files.summaryFile, 'utf8'),
      log: printed.join(''),
      failed: process.exitCode === 1,
    }
  } finally {
    process.stdout.write = write
    process.exitCode = savedExit
    for (const key of Object.keys(process.env)) {
      if (!(key in savedEnv)) delete process.env[key]
    }
    Object.assign(process.env, savedEnv)
    rmSync(files.dir, { recursive: true, force: true })
  }
}

/** Throws with the stage's log when the run failed, so the cause shows. */
export function expectOk(run: StageRun): void {
  if (run.failed) throw new Error(`the stage failed:\n${run.log}`)
}
