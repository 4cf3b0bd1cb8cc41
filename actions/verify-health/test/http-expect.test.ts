import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import {
  bodyMatches,
  describeBodyMatch,
  parseBodyMatch,
  parseExpectStatus,
  statusMatches,
} from '../src/http-expect.js'

describe('parseExpectStatus', () => {
  it.each([
    ['200', [[200, 200]]],
    [
      '200,204',
      [
        [200, 200],
        [204, 204],
      ],
    ],
    ['2xx', [[200, 299]]],
    [' 200 - 299 ', [[200, 299]]],
    [
      '2XX, 301',
      [
        [200, 299],
        [301, 301],
      ],
    ],
  ])('reads %j', (text, ranges) => {
    expect(parseExpectStatus('expect-status', text).ranges).toEqual(ranges)
  })

  it.each(['', '200,', '99', '600', '6xx', '299-200', 'ok', '2xx-3xx'])(
    'refuses %j, naming the input',
    (text) => {
      expect(() => parseExpectStatus('expect-status', text)).toThrow(
        "input 'expect-status'",
      )
    },
  )

  it.each([
    ['2xx', 200, true],
    ['2xx', 299, true],
    ['2xx', 302, false],
    ['200,204', 204, true],
    ['200,204', 201, false],
    ['200-399', 302, true],
  ] as const)('matches %s against %i: %s', (text, status, expected) => {
    const matcher = parseExpectStatus('expect-status', text)
    expect(statusMatches(matcher, status)).toBe(expected)
  })
})

describe('parseBodyMatch', () => {
  it.each([
    ['"status":"ok"', { text: '"status":"ok"' }],
    ['/ok|ready/i', { regex: /ok|ready/i }],
    ['/', { text: '/' }],
    ['/health', { text: '/health' }],
  ])('reads %j', (text, match) => {
    expect(parseBodyMatch('expect-body', text)).toEqual(match)
  })

  it('refuses an empty match', () => {
    expect(() => parseBodyMatch('expect-body', '')).toThrow(ConfigError)
  })
})

describe('bodyMatches', () => {
  it.each([
    ['"status":"ok"', '{"status":"ok"}', true],
    ['"status":"ok"', '{"status": "ok"}', false],
    ['/"status":\\s*"ok"/', '{"status": "ok"}', true],
    ['/READY/i', 'ready', true],
    ['/^up$/m', 'a\nup\nb', true],
  ])('matches %s in %j: %s', (pattern, body, expected) => {
    const match = parseBodyMatch('expect-body', pattern)
    expect(bodyMatches(match, body)).toBe(expected)
    // Twice: a match never depends on the one before.
    expect(bodyMatches(match, body)).toBe(expected)
  })

  it('runs a regular expression on the first 16 Ki characters only, so a slow one stays quick', () => {
    const huge = `${'x'.repeat(1024 * 1024)}"status":"ok"`
    const slow = parseBodyMatch('expect-body', '/.*"status".*"ok"/')
    const started = Date.now()
    expect(bodyMatches(slow, huge)).toBe(false)
    expect(Date.now() - started).toBeLessThan(5_000)
    // A substring is looked for in the whole body.
    expect(bodyMatches({ text: '"status":"ok"' }, huge)).toBe(true)
  })

  it('shows a pattern as written', () => {
    expect(describeBodyMatch({ text: 'ok' })).toBe('"ok"')
    expect(describeBodyMatch({ regex: /ok/i })).toBe('/ok/i')
  })
})
