// The back-off schedule as pure functions: how long to wait before each
// attempt, capped and bounded, so every wait a stage does is finite.

/** How the waits between attempts grow. */
export interface BackoffPolicy {
  /** The first wait, in milliseconds. */
  baseMs: number
  /** What each wait is multiplied by to get the next one. */
  factor: number
  /** No wait is longer than this, in milliseconds. */
  capMs: number
  /** Attempts in all, the first one included. */
  attempts: number
  /**
   * 0 for exact waits; up to 1 to shorten each wait by a random share of
   * it, so many runners do not poll in step. It never lengthens a wait.
   */
  jitter: number
}

/** The policy of the CD stages: 5 s, doubling, at most 180 s, 5 attempts. */
export const defaultPolicy: Readonly<BackoffPolicy> = Object.freeze({
  baseMs: 5_000,
  factor: 2,
  capMs: 180_000,
  attempts: 5,
  jitter: 0,
})

// A schedule longer than this is a mistake in the settings, not a plan.
const MAX_ATTEMPTS = 1_000

/** The default policy with `overrides`, checked; a RangeError names a bad field. */
export function resolvePolicy(
  overrides: Partial<BackoffPolicy> = {},
): BackoffPolicy {
  const policy = { ...defaultPolicy, ...overrides }
  const { baseMs, factor, capMs, attempts, jitter } = policy
  check(
    'baseMs',
    baseMs,
    Number.isFinite(baseMs) && baseMs >= 0,
    'a finite number ≥ 0',
  )
  check(
    'factor',
    factor,
    Number.isFinite(factor) && factor >= 1,
    'a finite number ≥ 1',
  )
  check(
    'capMs',
    capMs,
    Number.isFinite(capMs) && capMs >= 0,
    'a finite number ≥ 0',
  )
  check(
    'attempts',
    attempts,
    Number.isInteger(attempts) && attempts >= 1 && attempts <= MAX_ATTEMPTS,
    `a whole number from 1 to ${MAX_ATTEMPTS}`,
  )
  check('jitter', jitter, jitter >= 0 && jitter <= 1, 'a number from 0 to 1')
  return policy
}

function check(name: string, value: number, ok: boolean, want: string): void {
  if (!ok) {
    throw new RangeError(`back-off ${name} must be ${want}, got ${value}`)
  }
}

/**
 * The wait after attempt `n` (1-based), before attempt n + 1: base ×
 * factor^(n−1), capped, then shortened by jitter when the policy has any.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  n: number,
  random: () => number = Math.random,
): number {
  const exact = Math.min(policy.capMs, policy.baseMs * policy.factor ** (n - 1))
  if (policy.jitter === 0) return exact
  return Math.round(exact * (1 - policy.jitter * random()))
}

/** Every wait of the schedule, in order: one fewer than the attempts. */
export function backoffDelays(
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number[] {
  return Array.from({ length: policy.attempts - 1 }, (_, i) =>
    backoffDelay(policy, i + 1, random),
  )
}

/**
 * The overall deadline when none is given: every wait of the schedule plus
 * every attempt running to its timeout. It is what makes "no deadline set"
 * still finite.
 */
export function derivedDeadlineMs(
  policy: BackoffPolicy,
  attemptTimeoutMs: number,
): number {
  const waits = backoffDelays({ ...policy, jitter: 0 }).reduce(
    (sum, ms) => sum + ms,
    0,
  )
  return waits + policy.attempts * attemptTimeoutMs
}
