import { describe, expect, it } from '@jest/globals'
import {
  backoffDelay,
  backoffDelays,
  defaultPolicy,
  derivedDeadlineMs,
  resolvePolicy,
  type BackoffPolicy,
} from './index.js'

const s = 1_000

describe('backoffDelays', () => {
  it.each<[string, Partial<BackoffPolicy>, number[]]>([
    ['the default: 5 attempts, four waits (C40)', {}, [5, 10, 20, 40]],
    [
      '8 attempts, capped at 180 s, not 320 (C40)',
      { attempts: 8 },
      [5, 10, 20, 40, 80, 160, 180],
    ],
    ['one attempt, no wait', { attempts: 1 }, []],
    ['a factor of 1, even waits', { factor: 1, attempts: 4 }, [5, 5, 5]],
    ['a cap below the base', { capMs: 2 * s, attempts: 3 }, [2, 2]],
    [
      'a shortened policy, as the demo uses',
      { baseMs: 100, factor: 3, capMs: 1 * s, attempts: 5 },
      [0.1, 0.3, 0.9, 1],
    ],
  ])('%s', (_name, overrides, seconds) => {
    const policy = resolvePolicy(overrides)
    expect(backoffDelays(policy)).toEqual(seconds.map((x) => x * s))
  })

  it('stays at the cap however many attempts', () => {
    const policy = resolvePolicy({ attempts: 1_000 })
    const delays = backoffDelays(policy)
    expect(delays).toHaveLength(999)
    expect(Math.max(...delays)).toBe(180 * s)
    expect(delays.at(-1)).toBe(180 * s)
  })
})

describe('backoffDelay with jitter', () => {
  it.each([0, 0.25, 0.5, 0.999])(
    'never exceeds the exact wait or the cap (random %p)',
    (r) => {
      const policy = resolvePolicy({ attempts: 10, jitter: 1 })
      for (let n = 1; n < 10; n++) {
        const exact = backoffDelay({ ...policy, jitter: 0 }, n)
        const jittered = backoffDelay(policy, n, () => r)
        expect(jittered).toBeLessThanOrEqual(exact)
        expect(jittered).toBeLessThanOrEqual(policy.capMs)
        expect(jittered).toBeGreaterThanOrEqual(0)
      }
    },
  )

  it('shortens a wait by its jitter share of the random draw', () => {
    const policy = resolvePolicy({ jitter: 0.5 })
    expect(backoffDelay(policy, 2, () => 0.5)).toBe(7_500)
    expect(backoffDelay(policy, 2, () => 0)).toBe(10_000)
  })

  it('is exact by default, whatever the random source says', () => {
    expect(backoffDelay(defaultPolicy, 3, () => 0.9)).toBe(20_000)
  })
})

describe('resolvePolicy', () => {
  it('fills in the defaults: 5 s, ×2, 180 s, 5 attempts, no jitter', () => {
    expect(resolvePolicy()).toEqual({
      baseMs: 5_000,
      factor: 2,
      capMs: 180_000,
      attempts: 5,
      jitter: 0,
    })
  })

  it.each<[Partial<BackoffPolicy>, RegExp]>([
    [{ baseMs: -1 }, /baseMs must be a finite number ≥ 0, got -1/],
    [{ baseMs: Infinity }, /baseMs .* got Infinity/],
    [{ factor: 0.5 }, /factor must be a finite number ≥ 1/],
    [{ capMs: NaN }, /capMs .* got NaN/],
    [{ attempts: 0 }, /attempts must be a whole number from 1 to 1000/],
    [{ attempts: 2.5 }, /attempts .* got 2.5/],
    [{ attempts: Infinity }, /attempts .* got Infinity/],
    [{ jitter: 1.5 }, /jitter must be a number from 0 to 1/],
  ])('refuses %p', (overrides, message) => {
    expect(() => resolvePolicy(overrides)).toThrow(message)
  })
})

describe('derivedDeadlineMs', () => {
  it('adds every wait and every attempt run to its timeout', () => {
    // 5 + 10 + 20 + 40 s of waits, 5 attempts of 10 s.
    expect(derivedDeadlineMs(resolvePolicy(), 10 * s)).toBe(125 * s)
  })

  it('ignores jitter, which only shortens waits', () => {
    const policy = resolvePolicy({ jitter: 1, attempts: 2 })
    expect(derivedDeadlineMs(policy, 1 * s)).toBe(7 * s)
  })
})
