import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../runner/config-error.js'
import type { NextVersionInput } from './index.js'
import {
  formatTag,
  maxBump,
  nextVersion,
  parseTagFormat,
  versionOfTag,
} from './index.js'

describe('versionOfTag', () => {
  const v = parseTagFormat('v${version}')
  const validator = parseTagFormat('validator/v${version}')

  // C14 and C15 of shared/cases/CASES.md.
  it.each([
    ['v1.2.3', v, '1.2.3'],
    ['v1.0.0-rc.1', v, '1.0.0-rc.1'],
    ['1.2.3', v, undefined],
    ['vv1.2.3', v, undefined],
    ['v1.2', v, undefined],
    ['v01.2.3', v, undefined],
    ['release-2021-09-01', v, undefined],
    ['nightly', v, undefined],
    ['foo/v0.1.0', v, undefined],
    ['validator/v1.1.0', validator, '1.1.0'],
    ['schema-validator/v2.4.0', validator, undefined],
    ['validator/v1.1.0-x', validator, '1.1.0-x'],
  ])('reads %s', (tag, format, expected) => {
    expect(versionOfTag(tag, format)).toBe(expected)
  })

  it('matches a suffix whole', () => {
    const f = parseTagFormat('v${version}-svc')
    expect(versionOfTag('v1.0.0-svc', f)).toBe('1.0.0')
    expect(versionOfTag('v1.0.0-svc2', f)).toBeUndefined()
    expect(formatTag('1.0.0', f)).toBe('v1.0.0-svc')
  })
})

describe('parseTagFormat', () => {
  it.each(['v', '${version}${version}', 'v ${version}', 'a..b${version}'])(
    'refuses %j with a configuration error',
    (format) => {
      expect(() => parseTagFormat(format)).toThrow(ConfigError)
      expect(() => parseTagFormat(format)).toThrow(/input 'tag-format'/)
    },
  )
})

describe('maxBump', () => {
  it.each([
    [undefined, undefined, undefined],
    ['patch', undefined, 'patch'],
    [undefined, 'minor', 'minor'],
    ['patch', 'major', 'major'],
    ['minor', 'patch', 'minor'],
  ] as const)('max(%s, %s) = %s', (a, b, expected) => {
    expect(maxBump(a, b)).toBe(expected)
  })
})

describe('nextVersion', () => {
  const base = { initialVersion: '0.1.0', preMajor: 'minor' } as const
  const cases: [string, Partial<NextVersionInput>, string][] = [
    ['a feat bumps the minor', { lastStable: '1.4.0', bump: 'minor' }, '1.5.0'],
    ['a fix bumps the patch', { lastStable: '1.4.0', bump: 'patch' }, '1.4.1'],
    [
      'a break bumps the major',
      { lastStable: '1.9.3', bump: 'major' },
      '2.0.0',
    ],
    // C12: below 1.0.0 a breaking change bumps the minor by default.
    [
      'a break below 1.0 bumps the minor',
      { lastStable: '0.10.0', bump: 'major' },
      '0.11.0',
    ],
    [
      'a feat below 1.0 bumps the minor',
      { lastStable: '0.9.0', bump: 'minor' },
      '0.10.0',
    ],
    [
      'a break below 1.0 goes to 1.0.0 under semver',
      { lastStable: '0.10.0', bump: 'major', preMajor: 'semver' },
      '1.0.0',
    ],
    // C13: no earlier release gives the initial version, whatever the bump.
    ['no release gives the initial version', { bump: 'major' }, '0.1.0'],
    [
      'a channel starts its counter',
      { lastStable: '1.2.0', bump: 'minor', channel: 'next' },
      '1.3.0-next.1',
    ],
    [
      'a channel continues its line',
      {
        lastStable: '1.2.0',
        bump: 'patch',
        channel: 'next',
        lastOnChannel: '1.3.0-next.1',
      },
      '1.3.0-next.2',
    ],
    [
      'a channel moves to a higher base when the commits call for it',
      {
        lastStable: '1.2.0',
        bump: 'major',
        channel: 'next',
        lastOnChannel: '1.3.0-next.4',
      },
      '2.0.0-next.1',
    ],
    [
      'a first pre-release with no stable release',
      { bump: 'minor', channel: 'beta' },
      '0.1.0-beta.1',
    ],
  ]
  it.each(cases)('%s', (_name, input, expected) => {
    expect(nextVersion({ ...base, bump: 'patch', ...input })).toBe(expected)
  })
})
