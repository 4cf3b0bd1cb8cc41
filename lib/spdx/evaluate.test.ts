import { describe, expect, it } from '@jest/globals'
import type { LicensePolicy } from './evaluate.js'
import { evaluateLicense } from './evaluate.js'
import { parseLicense } from './parse.js'
import { readPolicyList } from './policy.js'

function policy(allow: string[], deny: string[] = []): LicensePolicy {
  return {
    allow: readPolicyList(allow).entries,
    deny: readPolicyList(deny).entries,
  }
}

function judge(text: string, rules: LicensePolicy): unknown {
  const parsed = parseLicense(text)
  if (!parsed.ok) throw new Error(parsed.reason)
  return evaluateLicense(parsed.expression, rules)
}

const allowed = { allowed: true, denied: [], notAllowed: [] }

describe('evaluateLicense', () => {
  it.each([
    ['MIT', ['MIT'], [], allowed],
    ['ISC', ['MIT'], [], { allowed: false, denied: [], notAllowed: ['ISC'] }],
    ['ISC', [], [], allowed],
    [
      'GPL-3.0-only',
      [],
      ['GPL-3.0-only'],
      { allowed: false, denied: ['GPL-3.0-only'], notAllowed: [] },
    ],
    [
      'MIT OR GPL-3.0-only',
      [],
      ['GPL-3.0-only'],
      { ...allowed, chosen: 'MIT' },
    ],
    [
      'GPL-3.0-only OR MIT',
      ['MIT', 'GPL-3.0-only'],
      [],
      { ...allowed, chosen: 'GPL-3.0-only' },
    ],
    [
      'GPL-3.0-only OR AGPL-3.0-only',
      ['MIT'],
      [],
      {
        allowed: false,
        denied: [],
        notAllowed: ['GPL-3.0-only', 'AGPL-3.0-only'],
      },
    ],
    [
      'MIT AND (ISC OR GPL-3.0-only)',
      ['MIT', 'ISC'],
      [],
      { ...allowed, chosen: 'MIT AND ISC' },
    ],
  ])('judges %j with allow %j, deny %j', (text, allow, deny, verdict) => {
    expect(judge(text, policy(allow, deny))).toEqual(verdict)
  })

  it('lets a written family wildcard cover its members only', () => {
    const bsd = policy(['BSD-*'])
    expect(judge('BSD-3-Clause', bsd)).toEqual(allowed)
    expect(judge('0BSD', bsd)).toMatchObject({ allowed: false })
  })

  it('needs the exact WITH entry to allow a license with an exception', () => {
    const text = 'GPL-2.0-only WITH Classpath-exception-2.0'
    expect(judge(text, policy(['GPL-2.0-only']))).toMatchObject({
      allowed: false,
      notAllowed: [text],
    })
    expect(judge(text, policy(['BSD-*', 'GPL-*']))).toMatchObject({
      allowed: false,
    })
    expect(judge(text, policy([text]))).toEqual(allowed)
    expect(judge('GPL-2.0-only', policy([text]))).toMatchObject({
      allowed: false,
    })
  })

  it('denies a license with an exception when its base license is denied', () => {
    const text = 'GPL-2.0-only WITH Classpath-exception-2.0'
    expect(judge(text, policy([], ['GPL-2.0-only']))).toMatchObject({
      allowed: false,
      denied: [text],
    })
  })

  it('puts the deny list before the allow list', () => {
    expect(judge('MIT', policy(['MIT'], ['MIT']))).toMatchObject({
      allowed: false,
      denied: ['MIT'],
    })
  })

  it('reads X+ as allowed when X is, but not X as allowed by X+', () => {
    expect(judge('MPL-1.1+', policy(['MPL-1.1']))).toEqual(allowed)
    expect(judge('MPL-1.1', policy(['MPL-1.1+']))).toMatchObject({
      allowed: false,
    })
  })

  it('matches a LicenseRef only by its exact name', () => {
    expect(judge('LicenseRef-acme', policy(['LicenseRef-acme']))).toEqual(
      allowed,
    )
    expect(
      judge('LicenseRef-acme2', policy(['LicenseRef-acme'])),
    ).toMatchObject({ allowed: false })
  })
})
