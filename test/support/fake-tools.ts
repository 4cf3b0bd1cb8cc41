// Fake `docker` and `cosign` on PATH for tests: each logs its calls to a
// file in a fresh temp folder and answers as the real tool would (see
// fake-tools/fake-docker.mjs for the faults it can play).
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding the fake executables. */
export const FAKE_TOOLS_DIR = fileURLToPath(
  new URL('./fake-tools/', import.meta.url),
)

/** One call of a fake tool, as it logged it. */
export interface FakeToolCall {
  tool: 'docker' | 'cosign'
  args: string[]
  /** What `docker login` read on standard input. */
  stdin?: string
}

/** A temp folder with the call log, and the environment that uses it. */
export interface FakeTools {
  /** The temp folder: the log and the fakes' state live here. */
  dir: string
  /** The fakes' folder first: a real docker is at /usr/local/bin. */
  PATH: string
  /** PATH, FAKE_TOOLS_LOG and the faults asked for. */
  env: Record<string, string>
  /** Every call so far, in order. */
  calls(): FakeToolCall[]
  /** The calls of one tool whose arguments start with `prefix`. */
  callsOf(tool: FakeToolCall['tool'], ...prefix: string[]): FakeToolCall[]
  /** The registries docker holds credentials for: logged in, not out. */
  loggedIn(): string[]
  cleanup(): void
}

/** Sets up the fakes; `faults` are FAKE_DOCKER_* / FAKE_COSIGN_* variables. */
export function createFakeTools(
  faults: Record<string, string> = {},
): FakeTools {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-fake-tools-'))
  const log = path.join(dir, 'calls.jsonl')
  fs.writeFileSync(log, '')
  const PATH = [FAKE_TOOLS_DIR.replace(/\/$/, ''), process.env.PATH ?? '']
    .filter(Boolean)
    .join(path.delimiter)
  const calls = (): FakeToolCall[] =>
    fs
      .readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as FakeToolCall)
  return {
    dir,
    PATH,
    env: { PATH, FAKE_TOOLS_LOG: log, ...faults },
    calls,
    callsOf: (tool, ...prefix) =>
      calls().filter(
        (call) =>
          call.tool === tool &&
          prefix.every((word, i) => call.args[i] === word),
      ),
    loggedIn: () => {
      const file = `${log}.auths`
      const before = faults.FAKE_DOCKER_AUTHS
      if (!fs.existsSync(file)) return before ? before.split(',') : []
      return JSON.parse(fs.readFileSync(file, 'utf8')) as string[]
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
