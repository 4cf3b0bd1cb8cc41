import { describe, expect, it } from '@jest/globals'
import { Directives } from '../src/directives.js'

describe('Directives', () => {
  it.each([
    ['token = x // gitleaks:allow', 0, 'allowed by gitleaks:allow on the line'],
    [
      'token = x # cortex-secret-scan:allow',
      0,
      'allowed by cortex-secret-scan:allow on the line',
    ],
    [
      'token = x /* secretlint-disable-line */',
      0,
      'allowed by secretlint-disable-line on the line',
    ],
    [
      '// secretlint-disable-next-line\ntoken = x',
      1,
      'allowed by secretlint-disable-next-line on the line before',
    ],
    [
      '# cortex-secret-scan:allow-next-line\ntoken = x',
      1,
      'allowed by cortex-secret-scan:allow-next-line on the line before',
    ],
    // C58: secretlint/secretlint#371, directives in Markdown comments.
    [
      'Key: `x` <!-- gitleaks:allow -->',
      0,
      'allowed by gitleaks:allow on the line',
    ],
    [
      '<!-- secretlint-disable-next-line -->\nKey: `x`',
      1,
      'allowed by secretlint-disable-next-line on the line before',
    ],
    [
      '<!-- secretlint-disable -->\n\nKey: `x`\n<!-- secretlint-enable -->',
      2,
      'allowed by secretlint-disable on line 1',
    ],
    [
      '# cortex-secret-scan:disable\na\nb',
      2,
      'allowed by cortex-secret-scan:disable on line 1',
    ],
  ])('allows %j at line index %i', (text, index, reason) => {
    expect(new Directives(text).allowReason(index)).toBe(reason)
  })

  it.each([
    ['token = x', 0],
    ['token = x\n// gitleaks:allow', 0],
    ['// secretlint-disable-next-line\n\ntoken = x', 2],
    ['<!-- secretlint-disable -->\n<!-- secretlint-enable -->\nKey: `x`', 2],
    ['token = x // gitleaks:allowed-not', 0],
    ['// cortex-secret-scan:allow-next-line-please\ntoken = x', 1],
  ])('does not allow %j at line index %i', (text, index) => {
    expect(new Directives(text).allowReason(index)).toBeUndefined()
  })
})
