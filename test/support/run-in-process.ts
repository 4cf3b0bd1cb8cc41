// Runs a stage's `run()` in this process as the runner would run the step:
// INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, an event
// payload. What the stage prints is kept for assertions instead of shown,
// and the process's environment and exit code are put back afterwards.
import { readFileSync, rmSync } from 'node:fs'
import { readOutputs, runnerFiles } from './runner-env.js'

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

/** Runs `run` with these inputs, GITHUB_* variables and event payload. */
export async function runInProcess(
  run: () => Promise<void>,
  inputs: Record<string, string>,
  vars: Record<string, string>,
  event: object = {},
): Promise<StageRun> {
  const files = runnerFiles(inputs, vars, event)
  const saved = { ...process.env }
  const savedExit = process.exitCode
  const chunks: string[] = []
  const write = process.stdout.write.bind(process.stdout)
  Object.assign(process.env, files.env)
  process.exitCode = undefined
  process.stdout.write = (chunk: string | Uint8Array): boolean => {
    chunks.push(
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
      log: chunks.join(''),
      failed: process.exitCode === 1,
    }
  } finally {
    process.stdout.write = write
    process.exitCode = savedExit
    for (const key of Object.keys(process.env)) {
      if (!(key in saved)) delete process.env[key]
    }
    Object.assign(process.env, saved)
    rmSync(files.dir, { recursive: true, force: true })
  }
}

/** Fails with the stage's log when the run failed, so the cause shows. */
export function expectOk(run: { failed: boolean; log: string }): void {
  if (run.failed) throw new Error(`the stage failed:\n${run.log}`)
}
