import { describe, expect, it } from '@jest/globals'
import { entryText, readPolicyList } from './policy.js'
import { editDistance, suggestLicenseIds } from './suggest.js'

describe('readPolicyList', () => {
  // C71, first half: `IT; BSD` allowed and `Apache` denied are names that
  // substring matching would have taken; each is refused with suggestions.
  it('refuses names that are not SPDX ids, suggesting the ids meant (C71)', () => {
    const list = readPolicyList(['IT', 'BSD', 'Apache'])
    expect(list.entries).toEqual([])
    expect(list.problems).toEqual([
      { entry: 'IT', reason: 'not an SPDX license id', suggestions: ['MIT'] },
      {
        entry: 'BSD',
        reason: 'not an SPDX license id',
        suggestions: ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-*'],
      },
      {
        entry: 'Apache',
        reason: 'not an SPDX license id',
        suggestions: ['Apache-2.0', 'Apache-*', 'Apache-1.0'],
      },
    ])
  })

  it.each([
    ['MIT', 'MIT', []],
    ['BSD-*', 'BSD-*', []],
    ['Apache-*', 'Apache-*', []],
    ['MPL-1.1+', 'MPL-1.1+', []],
    ['LicenseRef-acme', 'LicenseRef-acme', []],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      'GPL-2.0-only WITH Classpath-exception-2.0',
      [],
    ],
    ['mit', 'MIT', ['read "mit" as "MIT"']],
    [
      'GPL-2.0',
      'GPL-2.0-only',
      ['"GPL-2.0" is a deprecated SPDX id; read as "GPL-2.0-only"'],
    ],
    [
      'GPL-2.0-with-classpath-exception',
      'GPL-2.0-only WITH Classpath-exception-2.0',
      [
        '"GPL-2.0-with-classpath-exception" is a deprecated SPDX id; read as "GPL-2.0-only WITH Classpath-exception-2.0"',
      ],
    ],
  ])('takes %j as %j', (item, written, notes) => {
    const list = readPolicyList([item])
    expect(list.problems).toEqual([])
    expect(list.entries.map(entryText)).toEqual([written])
    expect(list.notes).toEqual(notes)
  })

  it.each([
    ['Apache 2.0', 'not an SPDX license id', ['Apache-2.0', 'Apache-1.0']],
    [
      'MIT OR ISC',
      'an entry is one license; list each one of an expression',
      [],
    ],
    [
      '*',
      'a wildcard is a family name, a dash and a star',
      ['BSD-*', 'Apache-*'],
    ],
    [
      'BSD*',
      'a wildcard is a family name, a dash and a star',
      ['BSD-*', 'Apache-*'],
    ],
    ['Nope-*', 'the wildcard matches no SPDX license id', []],
    ['MIT WITH nothing', '"nothing" is not an SPDX exception id', []],
    [
      'MPL-1.1+ WITH LLVM-exception',
      'write the license of a WITH entry without + or exception',
      [],
    ],
  ])('refuses %j: %s', (item, reason, suggestions) => {
    expect(readPolicyList([item]).problems).toEqual([
      { entry: item, reason, suggestions },
    ])
  })

  it('keeps the good entries of a list that has bad ones', () => {
    const list = readPolicyList(['MIT', 'IT', 'ISC'])
    expect(list.entries.map(entryText)).toEqual(['MIT', 'ISC'])
    expect(list.problems.map((p) => p.entry)).toEqual(['IT'])
  })
})

describe('suggestLicenseIds', () => {
  it.each([
    ['Apach-2.0', ['Apache-2.0', 'Apache-1.0']],
    ['ISC License', ['ISC']],
    ['public domain', ['Unlicense', 'CC0-1.0']],
    ['mit', ['MIT', 'MIT-0', 'MIT-Wu']],
    ['zzzzzzzzzz', []],
  ])('suggests for %j: %j', (text, expected) => {
    expect(suggestLicenseIds(text)).toEqual(expected)
  })
})

describe('editDistance', () => {
  it.each([
    ['mit', 'mit', 0],
    ['it', 'mit', 1],
    ['glp', 'gpl', 1],
    ['apache', 'apcahe', 1],
    ['kitten', 'sitting', 3],
    ['a', 'abcdefgh', 4],
  ])('from %j to %j is %d', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance)
  })
})
