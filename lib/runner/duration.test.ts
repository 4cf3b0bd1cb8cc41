import { describe, expect, it } from '@jest/globals'
import { durationInput, parseDuration } from './duration.js'

describe('parseDuration', () => {
  it.each([
    ['30', 30_000],
    ['0', 0],
    ['2.5', 2_500],
    ['500ms', 500],
    ['45s', 45_000],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    [' 10s ', 10_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms)
  })

  it.each(['', 'soon', '-5', '5 s', '5x', 's', '1m 30s', '1e3'])(
    'refuses %j',
    (text) => {
      expect(parseDuration(text)).toBeUndefined()
    },
  )
})

describe('durationInput', () => {
  const withInput = (value: string, fn: () => void): void => {
    process.env['INPUT_SETTLE'] = value
    try {
      fn()
    } finally {
      delete process.env['INPUT_SETTLE']
    }
  }

  it('gives the default when the input is empty', () => {
    withInput('', () => expect(durationInput('settle', 7_000)).toBe(7_000))
  })

  it('reads a bare number as seconds', () => {
    withInput('12', () => expect(durationInput('settle', 0)).toBe(12_000))
  })

  it('names the input, the value and the accepted forms', () => {
    withInput('forever', () =>
      expect(() => durationInput('settle', 0)).toThrow(
        /input 'settle': got "forever"; expected a duration from 0s to 24h: seconds/,
      ),
    )
  })

  it('refuses a duration outside the range', () => {
    withInput('2s', () =>
      expect(() => durationInput('settle', 0, 5_000, 60_000)).toThrow(
        /from 5s to 1m/,
      ),
    )
  })
})
