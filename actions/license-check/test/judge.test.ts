import { describe, expect, it } from '@jest/globals'
import type { LicensePolicy } from '../../../lib/spdx/index.js'
import { readPolicyList } from '../../../lib/spdx/index.js'
import type { FoundLicense } from '../src/declared-license.js'
import { judgeLicense } from '../src/judge.js'

function policy(allow: string[], deny: string[] = []): LicensePolicy {
  return {
    allow: readPolicyList(allow).entries,
    deny: readPolicyList(deny).entries,
  }
}

const declared = (text: string): FoundLicense => ({
  kind: 'declared',
  text,
  source: 'lock',
})

// C60: the allow list and rows 1–10 of the case, with their expected
// verdicts. Row 7 is unparseable and fails as an unknown license (the
// default policy), suggesting the expression meant.
describe('judgeLicense against C60', () => {
  const c60 = policy([
    'MIT',
    'Apache-2.0',
    'BSD-3-Clause',
    'ISC',
    'Unicode-DFS-2016',
  ])

  it.each([
    ['(MIT OR Apache-2.0)', true, 'chosen: MIT', []],
    ['MIT OR GPL-3.0-only', true, 'chosen: MIT', []],
    ['(BSD-3-Clause AND Apache-2.0)', true, 'allowed', []],
    ['Apache-2.0 AND MIT', true, 'allowed', []],
    [
      '(MIT OR Apache-2.0) AND Unicode-DFS-2016',
      true,
      'chosen: MIT AND Unicode-DFS-2016',
      [],
    ],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      false,
      'not in the allow list: GPL-2.0-only WITH Classpath-exception-2.0',
      [],
    ],
    [
      'Unlicense/MIT',
      false,
      'unparseable license: "Unlicense/MIT" is not an SPDX license id; did you mean Unlicense OR MIT?',
      [],
    ],
    ['mit', true, 'allowed', ['read "mit" as "MIT"']],
    [
      'Apache 2.0',
      true,
      'allowed',
      ['"Apache 2.0" is not an SPDX id; read as "Apache-2.0"'],
    ],
    [
      'EPL-1.0 AND LGPL-2.1-only',
      false,
      'not in the allow list: EPL-1.0, LGPL-2.1-only',
      [],
    ],
  ])('row %#: %j passes: %s (%s)', (text, ok, message, notes) => {
    const outcome = judgeLicense(declared(text), c60, false)
    expect(outcome).toMatchObject({ ok, message, notes })
  })

  it('allows row 6 when the exact WITH expression is on the list', () => {
    const withException = policy([
      'MIT',
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ])
    const outcome = judgeLicense(
      declared('GPL-2.0-only WITH Classpath-exception-2.0'),
      withException,
      false,
    )
    expect(outcome.ok).toBe(true)
  })

  it('names the rule each failing row breaks', () => {
    const rules = ['Unlicense/MIT', 'EPL-1.0'].map(
      (text) => judgeLicense(declared(text), c60, false).rule,
    )
    expect(rules).toEqual(['license/unknown', 'license/not-allowed'])
  })
})

describe('judgeLicense', () => {
  const mit = policy(['MIT'], ['GPL-3.0-only'])

  it.each([
    [
      'UNLICENSED',
      'license/unlicensed',
      'UNLICENSED: the author grants no one the right to use it',
    ],
    ['NOASSERTION', 'license/unknown', 'NOASSERTION: no license asserted'],
    ['none', 'license/unknown', 'NONE: no license asserted'],
    [
      'SEE LICENSE IN LICENSE.md',
      'license/unknown',
      'a license of its own (SEE LICENSE IN LICENSE.md): read it and allow the package by name',
    ],
    ['GPL-3.0-only', 'license/denied', 'denied: GPL-3.0-only'],
    [
      'GPL-3.0-only AND ISC',
      'license/denied',
      'denied: GPL-3.0-only; not in the allow list: ISC',
    ],
  ])('fails %j under %s: %s', (text, rule, message) => {
    expect(judgeLicense(declared(text), mit, false)).toMatchObject({
      ok: false,
      rule,
      message,
    })
  })

  it('fails a package with no license, saying whether it was installed', () => {
    const installed = judgeLicense(
      { kind: 'none', installed: true },
      mit,
      false,
    )
    const missing = judgeLicense({ kind: 'none', installed: false }, mit, false)
    expect(installed).toMatchObject({
      rule: 'license/unknown',
      license: 'unknown',
      message: 'no license declared, and none found in its files',
    })
    expect(missing.message).toMatch(
      /not installed to look \(run npm ci first\)/,
    )
  })

  // C71: `b` has a license guessed from its README; it fails unless
  // guesses are accepted, and then it is judged and noted as a guess.
  it('fails a guessed license unless guesses are accepted (C71)', () => {
    const guess: FoundLicense = {
      kind: 'guessed',
      text: 'MIT',
      file: 'README.md',
    }
    expect(judgeLicense(guess, mit, false)).toMatchObject({
      ok: false,
      rule: 'license/guessed',
      message: 'guessed license (MIT from README.md)',
    })
    expect(judgeLicense(guess, mit, true)).toMatchObject({
      ok: true,
      notes: ['guessed from README.md'],
    })
  })
})
