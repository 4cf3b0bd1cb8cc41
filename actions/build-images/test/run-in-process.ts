// Runs the build-images stage's main.ts in this process with a runner
// environment and the fake docker and cosign on PATH, keeping what it
// writes to stdout for assertions instead of printing it.
import * as fs from 'node:fs'
import { readOutputs, runnerFiles } from '../../../test/support/runner-env.js'
import { run } from '../src/main.js'

/** What one in-process run left behind. */
export interface StageRun {
  outputs: Record<string, string>
  summary: string
  log: string
  failed: boolean
}

/** Runs the stage with these inputs, variables and event payload. */
export async function runBuildImages(
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
      summary: fs.readFileSync(files.summaryFile, 'utf8'),
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
    fs.rmSync(files.dir, { recursive: true, force: true })
  }
}

/** Fails with the stage's log when the run failed, so the cause shows. */
export function expectOk(run: StageRun): void {
  if (run.failed) throw new Error(`the stage failed:\n${run.log}`)
}
