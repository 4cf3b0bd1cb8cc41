// The fake npm of fake-npm/ on PATH for one test: a temp folder for its
// call log, and the environment that points it at a recorded report.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const FAKE_NPM_DIR = fileURLToPath(new URL('./fake-npm', import.meta.url))

/** One call of the fake npm, as it logged it. */
export interface FakeNpmCall {
  args: string[]
  cwd: string
}

/** The fake's environment and what it was asked. */
export interface FakeNpm {
  /** PATH with the fake first, FAKE_TOOLS_LOG and the report to print. */
  env: Record<string, string>
  calls(): FakeNpmCall[]
  cleanup(): void
}

/** A fake npm whose `audit` prints `report` and exits with `exitCode`. */
export function createFakeNpm(report: string, exitCode = 1): FakeNpm {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-fake-npm-'))
  const log = path.join(dir, 'calls.jsonl')
  fs.writeFileSync(log, '')
  return {
    env: {
      PATH: [FAKE_NPM_DIR, process.env.PATH ?? ''].join(path.delimiter),
      FAKE_TOOLS_LOG: log,
      FAKE_NPM_AUDIT_FILE: report,
      FAKE_NPM_EXIT: String(exitCode),
    },
    calls: () =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as FakeNpmCall & { tool: string })
        .map(({ args, cwd }) => ({ args, cwd })),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
