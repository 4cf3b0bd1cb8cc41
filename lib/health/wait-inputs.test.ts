import { afterEach, describe, expect, it } from '@jest/globals'
import { readWaitSettings } from './wait-inputs.js'

const NAMES = [
  'ATTEMPTS',
  'BACKOFF-BASE',
  'BACKOFF-FACTOR',
  'BACKOFF-MAX',
  'ATTEMPT-TIMEOUT',
  'TIMEOUT',
]

function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
}

afterEach(() => {
  for (const name of NAMES) delete process.env[`INPUT_${name}`]
})

describe('readWaitSettings', () => {
  it('defaults to 5 attempts, 5 s doubling to at most 180 s, 10 s a try, a derived deadline', () => {
    expect(readWaitSettings()).toEqual({
      policy: {
        baseMs: 5_000,
        factor: 2,
        capMs: 180_000,
        attempts: 5,
        jitter: 0,
      },
      attemptTimeoutMs: 10_000,
    })
  })

  it('reads every input, with units', () => {
    inputs({
      attempts: '8',
      'backoff-base': '500ms',
      'backoff-factor': '1.5',
      'backoff-max': '1m',
      'attempt-timeout': '3s',
      timeout: '10m',
    })
    expect(readWaitSettings()).toEqual({
      policy: {
        baseMs: 500,
        factor: 1.5,
        capMs: 60_000,
        attempts: 8,
        jitter: 0,
      },
      attemptTimeoutMs: 3_000,
      deadlineMs: 600_000,
    })
  })

  it('shortens an attempt timeout longer than the whole timeout', () => {
    inputs({ 'attempt-timeout': '20s', timeout: '2s' })
    expect(readWaitSettings()).toMatchObject({
      attemptTimeoutMs: 2_000,
      deadlineMs: 2_000,
    })
  })

  it.each([
    [{ attempts: '0' }, /input 'attempts': got "0"/],
    [{ 'backoff-factor': '0.5' }, /input 'backoff-factor': got "0.5"/],
    [{ 'backoff-factor': 'double' }, /input 'backoff-factor'/],
    [
      { 'backoff-base': '10s', 'backoff-max': '5s' },
      /input 'backoff-max': got "5s"; expected a duration at least backoff-base \(10 s\)/,
    ],
    [{ timeout: '0' }, /input 'timeout': got "0"/],
    [{ 'attempt-timeout': 'never' }, /input 'attempt-timeout'/],
  ])('refuses %j', (values, message) => {
    inputs(values)
    expect(() => readWaitSettings()).toThrow(message)
  })
})
