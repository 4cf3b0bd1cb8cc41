// Runs the build-images stage's main.ts in this process (see
// test/support/run-in-process.ts).
import { runInProcess } from '../../../test/support/run-in-process.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

export { expectOk } from '../../../test/support/run-in-process.js'
export type { StageRun } from '../../../test/support/run-in-process.js'

/** Runs the stage with these inputs, GITHUB_* variables and event payload. */
export function runBuildImages(
  inputs: Record<string, string>,
  vars: Record<string, string>,
  event: object = {},
): Promise<StageRun> {
  return runInProcess(run, inputs, vars, event)
}
