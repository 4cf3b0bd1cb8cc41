import { describe, expect, it } from '@jest/globals'
import { entropyFloor, shannonEntropy } from '../src/rules/entropy.js'
import {
  genericOutcomes,
  looksLikeName,
  valueRejection,
} from '../src/rules/generic-rule.js'
import { PROVIDER_RULES } from '../src/rules/provider-rules.js'
import { secretNameReason } from '../src/rules/secret-names.js'
import { TextScanner } from '../src/scan-text.js'
import { randomText } from './tokens.js'

// C57: the added lines of gitleaks/gitleaks#1219, #877, #1321, #1188, #1587
// and twpayne/chezmoi#4679; line 8's key is made at run time.
const STRIPE = ['sk', 'live', randomText(24, 57)].join('_')
const C57 = [
  "tokenizationId: 'f865288c97ca4913887373728b8dfc4c',",
  'Use a username/password combination.',
  "[envVar: 'TF_VAR_APPROLEID', vaultKey: 'inf-role-id'],",
  '"key": "ctrl+shift+down",',
  'client_secret: "_env:SALESFORCE_CLIENT_ID:REDACTED"',
  'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"',
  'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
  `STRIPE_KEY=${STRIPE}`,
]

describe('the rules on the lines of C57', () => {
  const found = new TextScanner(PROVIDER_RULES).scan(C57.join('\n'))

  it('report only line 8, by its provider rule', () => {
    expect(found.matches.map((m) => [m.lineIndex + 1, m.rule.id])).toEqual([
      [8, 'stripe-live-key'],
    ])
  })

  it.each([
    [1, /key 'tokenizationId' is not a secret name/],
    [2, /no value assigned/],
    [3, /the value looks like a name or a path/],
    [4, /key 'key' is not a secret name/],
    [5, /stop-word REDACTED/],
    [6, /public/],
    [7, /stop-word EXAMPLE/],
  ])('say why line %i is not reported', (line, reason) => {
    const reasons = found.rejections
      .filter((r) => r.lineIndex + 1 === line)
      .map((r) => r.reason)
    expect(reasons.join('\n')).toMatch(reason)
  })
})

describe('secretNameReason', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['githubToken', true],
    ['x-api-key', true],
    ['apiKey', true],
    ['APIKey', true],
    ['client_secret', true],
    ['tokenValue', true],
    ['_auth', true],
    ['tokenizationId', false],
    ['password_file', false],
    ['key', false],
    ['public_key', false],
    ['secretName', false],
    ['token_type', false],
  ])('says whether %s names a secret: %s', (key, secret) => {
    expect(secretNameReason(key) === undefined).toBe(secret)
  })
})

describe('valueRejection', () => {
  it.each([
    ['Zr8qL2vX9mNp4TsW', undefined],
    [randomText(32, 3), undefined],
    ['hunter2', /shorter than 8/],
    ['${{ secrets.TOKEN }}', /reads as text/],
    ['${TOKEN_VALUE}', /reference/],
    ['$DB_PASS', /reference/],
    ['<your-token>', /YOUR-/],
    ['<api-token>', /reference/],
    ['process.env.API_TOKEN', /reference/],
    ['changeme123', /CHANGEME/],
    ['xxxxxxxxxxxx', /XXXX/],
    ['mypassword1', /spells out a password/],
    ['https://api.example.com', /EXAMPLE/],
    ['https://cortex.dev/api', /URL/],
    ['1234567890', /number/],
    ['req.headers.authorization', /name or a path/],
    ['/run/secrets/db-password', /password|name or a path/],
    ['a1a1a1a1b2b2b2b2', /entropy 2.00 bits/],
  ])('judges %j', (value, reason) => {
    const why = valueRejection(value)
    if (reason === undefined) expect(why).toBeUndefined()
    else expect(why).toMatch(reason)
  })
})

describe('looksLikeName', () => {
  it.each([
    ['inf-role-id', true],
    ['TF_VAR_APPROLEID', true],
    ['getPassword', true],
    ['my.secret.name', true],
    ['f865288c97ca4913887373728b8dfc4c', false],
    ['aB3dE_fG7h-iJkLm', false],
    ['Zr8qL2vX9mNp4TsW', false],
  ])('says whether %s is a name: %s', (value, name) => {
    expect(looksLikeName(value)).toBe(name)
  })
})

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['abab', 1],
    ['abcd', 2],
  ])('of %j is %d bits', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits)
  })

  it('asks less of short values than of long ones', () => {
    expect(entropyFloor(8)).toBeLessThan(entropyFloor(16))
    expect(entropyFloor(64)).toBe(3.2)
  })
})

describe('genericOutcomes', () => {
  it.each([
    ['export API_TOKEN="Zr8qL2vX9mNp4TsW"', 'API_TOKEN'],
    ['  "password": "Zr8qL2vX9mNp4TsW",', 'password'],
    ["dbPassword := 'Zr8qL2vX9mNp4TsW'", 'dbPassword'],
    [':secret_key => "Zr8qL2vX9mNp4TsW"', 'secret_key'],
    ['auth_token: Zr8qL2vX9mNp4TsW # ci', 'auth_token'],
  ])('finds the secret in %s', (line, key) => {
    expect(genericOutcomes(line)).toEqual([
      {
        kind: 'secret',
        assignment: {
          key,
          value: 'Zr8qL2vX9mNp4TsW',
          valueStart: line.indexOf('Zr8'),
        },
      },
    ])
  })

  it.each([
    'if (password == "Zr8qL2vX9mNp4TsW") {',
    'setPassword("Zr8qL2vX9mNp4TsW")',
    `data:${'A'.repeat(100)}token${'B'.repeat(100)}=Zr8qL2vX9mNp4TsW`,
  ])('finds no secret in %s', (line) => {
    expect(genericOutcomes(line).filter((o) => o.kind === 'secret')).toEqual([])
  })
})
