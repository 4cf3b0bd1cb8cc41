import { describe, expect, it } from '@jest/globals'
import {
  failureMessage,
  formatAttempt,
  formatDuration,
  type AttemptReport,
  type FailureFacts,
} from './index.js'

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [800, '800 ms'],
    [1_000, '1 s'],
    [2_500, '2.5 s'],
    [10_000, '10 s'],
    [40_400, '40 s'],
    [60_000, '1 min'],
    [75_000, '1 min 15 s'],
    [180_000, '3 min'],
    [3_600_000, '1 h'],
    [3_900_000, '1 h 5 min'],
    [Infinity, 'Infinity'],
  ])('says %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})

const base: AttemptReport = {
  attempt: 2,
  maxAttempts: 5,
  outcome: 'retry',
  reason: '503',
  elapsedMs: 5_000,
  cutByDeadline: false,
  deadlineMs: 60_000,
}

describe('formatAttempt', () => {
  it.each<[string, Partial<AttemptReport>, string]>([
    [
      'a retry and its wait',
      { nextDelayMs: 10_000 },
      'attempt 2 of 5: 503, next in 10 s',
    ],
    [
      'a wait cut short by the deadline',
      { nextDelayMs: 3_000, cutByDeadline: true },
      'attempt 2 of 5: 503, next in 3 s (the last, cut short by the 1 min deadline)',
    ],
    [
      'the last attempt',
      { attempt: 5, stop: 'attempts' },
      'attempt 5 of 5: 503, no attempts left',
    ],
    [
      'the deadline',
      { stop: 'deadline' },
      'attempt 2 of 5: 503, deadline of 1 min reached',
    ],
    [
      'a success',
      { outcome: 'done', reason: '200 OK', stop: 'done' },
      'attempt 2 of 5: 200 OK',
    ],
    [
      'a failure not retried',
      { outcome: 'fail-fast', reason: 'self-signed certificate' },
      'attempt 2 of 5: self-signed certificate, not retried',
    ],
  ])('says %s', (_name, change, line) => {
    expect(formatAttempt({ ...base, ...change })).toBe(line)
  })
})

describe('failureMessage', () => {
  const facts: FailureFacts = {
    stoppedBy: 'attempts',
    attempts: 5,
    reason: '503 Service Unavailable',
    elapsedMs: 75_000,
    deadlineMs: 125_000,
  }

  it.each<[Partial<FailureFacts>, string]>([
    [
      {},
      'unhealthy after 5 attempts (last: 503 Service Unavailable) in 1 min 15 s',
    ],
    [
      { stoppedBy: 'deadline', attempts: 3 },
      'unhealthy: deadline of 2 min 5 s reached after 3 attempts (last: 503 Service Unavailable)',
    ],
    [
      {
        stoppedBy: 'fail-fast',
        attempts: 1,
        reason: 'certificate has expired',
      },
      'unhealthy: certificate has expired (not retried)',
    ],
    [
      { stoppedBy: 'aborted', attempts: 1, elapsedMs: 2_000 },
      'unhealthy: cancelled after 1 attempt in 2 s',
    ],
  ])('says %p', (change, message) => {
    expect(failureMessage({ ...facts, ...change }, 'unhealthy')).toBe(message)
  })

  it('leads with "failed" when no label is given', () => {
    expect(failureMessage(facts)).toMatch(/^failed after 5 attempts/)
  })
})
