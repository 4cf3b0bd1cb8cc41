import { describe, expect, it } from '@jest/globals'
import { parseChecks, parseFindings, statusText } from '../src/checks.js'

describe('parseChecks', () => {
  it.each([
    [
      'a needs context',
      { lint: { result: 'success', outputs: {} } },
      'success',
    ],
    [
      'a steps context (the conclusion counts)',
      { lint: { outcome: 'failure', conclusion: 'success' } },
      'success',
    ],
    ['a plain map', { lint: 'cancelled' }, 'cancelled'],
  ])('reads %s', (_what, value, status) => {
    expect(parseChecks(JSON.stringify(value))).toEqual([
      { name: 'lint', status },
    ])
  })

  it('reads nothing from an empty input', () => {
    expect(parseChecks(undefined)).toEqual([])
  })

  it.each(['[]', '{"a": null}', 'nope'])('refuses %s', (text) => {
    expect(() => parseChecks(text)).toThrow(
      /^input 'checks': got .*; expected a JSON object of check → status/,
    )
  })
})

describe('parseFindings', () => {
  it('keeps the message, the rule, the path and the line', () => {
    expect(
      parseFindings(
        JSON.stringify([
          {
            check: 'added-lines',
            message: 'console.log call',
            file: 'src/a.ts',
            line: 4,
            extra: true,
          },
          { message: 'title too long' },
        ]),
      ),
    ).toEqual([
      {
        rule: 'added-lines',
        message: 'console.log call',
        path: 'src/a.ts',
        line: 4,
      },
      { message: 'title too long' },
    ])
  })

  it.each(['{}', '[{"rule": "x"}]', '[1]'])('refuses %s', (text) => {
    expect(() => parseFindings(text)).toThrow(/^input 'findings': got /)
  })
})

describe('statusText', () => {
  it.each([
    ['success', '✅ success'],
    ['failure', '❌ failure'],
    ['skipped', '⏭️ skipped'],
    ['neutral', 'neutral'],
  ])('shows %s as %s', (status, shown) => {
    expect(statusText(status)).toBe(shown)
  })
})
