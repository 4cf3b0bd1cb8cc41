// One git process with a fixed identity and date and no global or system
// configuration, so a test's SHAs are the same on every machine.
import { spawnSync } from 'node:child_process'

/** The author and committer of every commit and tag the test repos make. */
export const TEST_IDENTITY = {
  name: 'Cortex Test',
  email: 'cortex-test@example.invalid',
} as const

/** 2026-01-01T00:00:00Z, the date of a repository's first commit. */
const START_SECONDS = Date.UTC(2026, 0, 1) / 1000

/**
 * Hands out commit dates one minute apart. One clock is shared by a repo
 * and its extra clones, so two pushers never make identical commits.
 */
export class CommitClock {
  private nextSeconds = START_SECONDS

  /** The next date as Unix seconds, advancing the clock by a minute. */
  take(): number {
    const seconds = this.nextSeconds
    this.nextSeconds += 60
    return seconds
  }

  /** The date the next commit will get, without advancing. */
  peek(): number {
    return this.nextSeconds
  }
}

/** How to run one git process. */
export interface GitProcess {
  cwd: string
  /** Author and committer date, as Unix seconds. */
  date: number
  /** An empty file standing in for ~/.gitconfig. */
  globalConfig: string
  /** Text or bytes for standard input. */
  input?: string | Buffer
}

/** Runs git; returns stdout minus its last newline, throws with stderr. */
export function runGit(args: readonly string[], how: GitProcess): string {
  const date = `${how.date} +0000`
  const result = spawnSync('git', args, {
    cwd: how.cwd,
    env: {
      ...inheritedEnv(),
      GIT_AUTHOR_NAME: TEST_IDENTITY.name,
      GIT_AUTHOR_EMAIL: TEST_IDENTITY.email,
      GIT_COMMITTER_NAME: TEST_IDENTITY.name,
      GIT_COMMITTER_EMAIL: TEST_IDENTITY.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      // The developer's own ~/.gitconfig and /etc/gitconfig stay out.
      GIT_CONFIG_GLOBAL: how.globalConfig,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    },
    input: how.input,
    maxBuffer: 512 * 1024 * 1024,
  })
  if (result.error) throw result.error
  const stdout = result.stdout.toString('utf8')
  if (result.status !== 0) {
    const said = result.stderr.toString('utf8').trim() || stdout.trim()
    throw new Error(
      `git ${args.join(' ')} failed (exit ${result.status}): ${said}`,
    )
  }
  return stdout.replace(/\n$/, '')
}

/** The process environment minus GIT_* variables a git hook may have set. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('GIT_')) env[key] = value
  }
  return env
}
