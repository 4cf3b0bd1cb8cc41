import { describe, expect, it } from '@jest/globals'
import { redact, redactedSnippet } from '../src/redact.js'

describe('redact', () => {
  it.each([
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_****'],
    ['short123', 'sh****'],
    ['abc', '****'],
    ['\\nMIIEvQIBADANBgkq', 'MIIE****'],
  ])('shows %j as %j', (secret, shown) => {
    expect(redact(secret)).toBe(shown)
  })
})

describe('redactedSnippet', () => {
  it('redacts every secret on the line', () => {
    const line = 'a=SECRETONE12345678 b=SECRETTWO12345678'
    const spans = [
      { column: 3, secret: 'SECRETONE12345678' },
      { column: 23, secret: 'SECRETTWO12345678' },
    ]
    expect(redactedSnippet(line, spans, 23)).toBe('a=SECR**** b=SECR****')
  })

  it('cuts a minified line to a window around its secret', () => {
    const secret = 'X'.repeat(40)
    const line = `${'a'.repeat(100_000)}key="${secret}"${'b'.repeat(100_000)}`
    const snippet = redactedSnippet(
      line,
      [{ column: 100_006, secret }],
      100_006,
    )
    expect(snippet).toBe(`…${'a'.repeat(35)}key="XXXX****"${'b'.repeat(71)}…`)
  })
})
