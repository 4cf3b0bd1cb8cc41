// A push that fails for a passing reason (a registry's 5xx, a rate limit, a
// dropped connection) is tried again after a pause; a refusal is not, since
// it would only be refused again.
import type { CommandResult } from '../../../lib/command/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/**
 * Why `buildx build --push` failed, as far as its error says: a passing
 * registry fault, a refused push, another push error, or the build itself
 * (its error names no push: a failed RUN step, a base image it may not pull).
 */
export type PushFailure = 'transient' | 'denied' | 'other' | 'build'

/** Each failure as the log says it. */
const SAID: Record<PushFailure, string> = {
  transient: 'a passing registry fault',
  denied: 'the registry refused the push',
  other: 'the push failed',
  build: 'the build failed',
}

/** The pause before the first retry; each one after doubles it. */
export const FIRST_DELAY_MS = 2_000
const MAX_DELAY_MS = 30_000

const DENIED = /\bdenied\b|\bunauthorized\b|\b40[13]\b|\bforbidden\b/i
// buildx says `failed to push <ref>`; a token request names the scope
// `pull,push` (`pull%2Cpush` in a URL). An error naming neither came from
// the build, even one whose RUN step says `git push`.
const PUSHING = /failed to push|\bpushing\b|(?:,|%2C|:)push\b/i
const TRANSIENT = [
  /\b5\d\d (?:[A-Z][a-z]+|status)|status(?: code)?:? 5\d\d\b/,
  /\b429\b|toomanyrequests|too many requests/i,
  /timeout|timed out|deadline exceeded/i,
  /connection reset|broken pipe/i,
  /\bEOF\b/,
]

/**
 * The lines of a failed build's output that hold its error. Only these are
 * read, since a build log can hold a `500` or an `EOF` of its own.
 */
export function errorLines(output: string): string[] {
  const lines = output.split('\n').map((line) => line.trim())
  const errors = lines.filter((line) => /^(?:#\d+ )?error\b/i.test(line))
  if (errors.length > 0) return errors
  return lines.filter((line) => line !== '').slice(-3)
}

/** Classifies a failed build and push by its error lines. */
export function classifyPushError(output: string): PushFailure {
  const said = errorLines(output).join('\n')
  const pushing = PUSHING.test(said)
  if (DENIED.test(said)) return pushing ? 'denied' : 'build'
  if (TRANSIENT.some((pattern) => pattern.test(said))) return 'transient'
  return pushing ? 'other' : 'build'
}

/** The pause before retry `n` (1-based). */
export function retryDelay(n: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** (n - 1), MAX_DELAY_MS)
}

/** What a push attempt needs besides the command. */
export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly retries: number
  readonly sleep: (ms: number) => Promise<void>
  readonly logger: Logger
  /** The image, for the log. */
  readonly image: string
}

/** The attempt that ended the loop, and how many there were. */
export interface RetryOutcome {
  readonly result: CommandResult
  readonly attempts: number
  /** Set when the last attempt failed. */
  readonly failure?: PushFailure
}

/**
 * Runs `attempt` until it succeeds, fails for a reason a retry cannot mend,
 * or the retries run out; logs each failed attempt and each pause.
 */
export async function withPushRetries(
  attempt: () => Promise<CommandResult>,
  options: RetryOptions,
): Promise<RetryOutcome> {
  const total = options.retries + 1
  for (let n = 1; ; n += 1) {
    const result = await attempt()
    if (result.exitCode === 0) return { result, attempts: n }
    const failure = classifyPushError(result.stderr)
    const said = errorLines(result.stderr).join(' / ')
    // A build that failed was no push attempt, and is not tried again.
    options.logger.info(
      failure === 'build'
        ? `${options.image}: the build failed before any push (not retried): ${said}`
        : `${options.image}: build and push attempt ${n} of ${total} failed (${SAID[failure]}): ${said}`,
    )
    if (failure !== 'transient' || n === total) {
      return { result, attempts: n, failure }
    }
    const delay = retryDelay(n)
    options.logger.warning(
      `pushing ${options.image} failed for a passing reason (${said}); trying again in ${delay / 1000} s`,
      'Push retried',
    )
    await options.sleep(delay)
  }
}
