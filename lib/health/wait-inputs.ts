// The inputs every waiting stage takes for its back-off, read the same way
// in verify-health and deploy.
import type { BackoffPolicy } from '../retry/index.js'
import {
  ConfigError,
  durationInput,
  integerInput,
  optionalInput,
} from '../runner/index.js'

/** How a stage waits, from its inputs. */
export interface WaitSettings {
  policy: BackoffPolicy
  attemptTimeoutMs: number
  /** The overall deadline; absent means derived from the policy (finite). */
  deadlineMs?: number
}

/**
 * Reads `attempts`, `backoff-base`, `backoff-factor`, `backoff-max`,
 * `attempt-timeout` and `timeout`; defaults 5, 5 s, 2, 180 s, 10 s, derived.
 */
export function readWaitSettings(): WaitSettings {
  const baseMs = durationInput('backoff-base', 5_000)
  const capMs = durationInput('backoff-max', 180_000)
  if (capMs < baseMs) {
    throw new ConfigError(
      'backoff-max',
      optionalInput('backoff-max') ?? '180',
      `a duration at least backoff-base (${baseMs / 1_000} s)`,
    )
  }
  const factorText = optionalInput('backoff-factor')
  const factor = factorText === undefined ? 2 : Number(factorText)
  if (!/^\d+(\.\d+)?$/.test(factorText ?? '2') || factor < 1 || factor > 10) {
    throw new ConfigError(
      'backoff-factor',
      factorText ?? '',
      'a number from 1 to 10 (each wait is the last one times this)',
    )
  }
  const timeout = optionalInput('timeout')
  const attemptTimeoutMs = durationInput(
    'attempt-timeout',
    10_000,
    100,
    600_000,
  )
  if (timeout === undefined) {
    return { policy: policyOf(baseMs, factor, capMs), attemptTimeoutMs }
  }
  const deadlineMs = durationInput('timeout', 0, 1_000)
  return {
    policy: policyOf(baseMs, factor, capMs),
    // No attempt may outlast the whole wait: `timeout` bounds the step.
    attemptTimeoutMs: Math.min(attemptTimeoutMs, deadlineMs),
    deadlineMs,
  }
}

function policyOf(
  baseMs: number,
  factor: number,
  capMs: number,
): BackoffPolicy {
  return {
    baseMs,
    factor,
    capMs,
    attempts: integerInput('attempts', 5, 1, 1_000),
    jitter: 0,
  }
}
