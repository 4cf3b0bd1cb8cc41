import { describe, expect, it } from '@jest/globals'
import { PROVIDER_RULES } from '../src/rules/provider-rules.js'
import { TextScanner } from '../src/scan-text.js'
import { fakeTokens, freshPrivateKey, lineFor } from './tokens.js'

const scanner = new TextScanner(PROVIDER_RULES)
const tokens = fakeTokens()

function ruleIds(text: string): string[] {
  return scanner.scan(text).matches.map((m) => m.rule.id)
}

describe('the provider rules', () => {
  it('have one fake token each in the tests', () => {
    const tested = new Set([...Object.keys(tokens), 'private-key'])
    expect(
      PROVIDER_RULES.map((r) => r.id).filter((id) => !tested.has(id)),
    ).toEqual([])
  })

  it.each(Object.entries(tokens))(
    'find %s where it is used',
    (rule, secret) => {
      const found = scanner.scan(`# config\n${lineFor(rule, secret)}\n`)
      expect(
        found.matches.map((m) => [m.rule.id, m.secret, m.lineIndex]),
      ).toEqual([[rule, secret, 1]])
    },
  )

  it.each(
    Object.entries(tokens).filter(([rule]) => rule !== 'database-url-password'),
  )('find nothing in %s cut short', (rule, secret) => {
    expect(ruleIds(lineFor(rule, secret.slice(0, 10)))).not.toContain(rule)
  })

  it.each([
    ['the AWS documentation key id', 'AKIAIOSFODNN7EXAMPLE'],
    [
      'a JWT whose header is not JSON',
      'eyJub3QganNvbg.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ',
    ],
    [
      'an unsigned JWT',
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ`,
    ],
    [
      'a database URL with a reference',
      'postgres://app:${DB_PASSWORD}@db:5432/app',
    ],
    [
      'a database URL with the image default',
      'postgres://postgres:postgres@localhost:5432/app',
    ],
    [
      'a database URL without a password',
      'mongodb+srv://cluster0.example.net/app',
    ],
  ])('turn down %s', (_, line) => {
    const found = scanner.scan(line)
    expect(found.matches).toEqual([])
  })
})

describe('the private-key rule (C58)', () => {
  // C58: secretlint/secretlint#1235, a README with a placeholder key.
  it('turns down armour around a placeholder body', () => {
    const readme =
      '"private_key":"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"'
    const found = scanner.scan(readme)
    expect(found.matches).toEqual([])
    const keyRule = found.rejections.filter((r) => r.ruleId === 'private-key')
    expect(keyRule.map((r) => r.reason)).toEqual([
      'the body between the armour lines is not base64',
    ])
  })

  it('finds a real 2048-bit RSA key, on the line of its armour', () => {
    const key = freshPrivateKey()
    const found = scanner.scan(`fixture:\n${key}`)
    expect(found.matches.map((m) => [m.rule.id, m.lineIndex])).toEqual([
      ['private-key', 1],
    ])
  })

  it('finds a key kept in JSON with escaped line breaks (a GCP service account)', () => {
    const key = freshPrivateKey().replace(/\n/g, '\\n')
    const json = `{"type": "service_account", "private_key": "${key}"}`
    expect(ruleIds(json)).toEqual(['private-key'])
  })

  it('finds nothing else inside the body of a key', () => {
    const key = freshPrivateKey()
    const lines = key.split('\n')
    // A body line that happens to hold a keyword of another rule.
    lines.splice(3, 0, `AIza${'A'.repeat(35)}${'B'.repeat(25)}`)
    expect(ruleIds(lines.join('\n'))).toEqual(['private-key'])
  })
})
