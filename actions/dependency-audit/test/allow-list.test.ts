import { describe, expect, it } from '@jest/globals'
import {
  advisoryKey,
  entryFor,
  hasExpired,
  readAllowEntry,
} from '../src/allow-list.js'
import type { AllowEntry } from '../src/allow-list.js'

describe('readAllowEntry', () => {
  it.each([
    [
      'GHSA-aaaa-bbbb-cccc|app>request>form-data',
      { advisory: 'GHSA-aaaa-bbbb-cccc', path: 'app>request>form-data' },
    ],
    [
      'GHSA-AAAA-bbbb-cccc|app>request>form-data until: 2027-01-31',
      {
        advisory: 'GHSA-aaaa-bbbb-cccc',
        path: 'app>request>form-data',
        until: '2027-01-31',
      },
    ],
    [
      'GHSA-aaaa-bbbb-cccc | app > @scope/x > y until 2027-01-31  # waiting on x 2.0',
      {
        advisory: 'GHSA-aaaa-bbbb-cccc',
        path: 'app>@scope/x>y',
        until: '2027-01-31',
      },
    ],
  ])('reads %j', (line, entry) => {
    expect(readAllowEntry(line)).toMatchObject(entry)
  })

  it.each([
    [
      'GHSA-aaaa-bbbb-cccc',
      '"GHSA-aaaa-bbbb-cccc" has no dependency path: write GHSA-aaaa-bbbb-cccc|app>pkg>dep, since a bare advisory would cover every other path too',
    ],
    [
      'CVE-2021-1234|app>x',
      '"CVE-2021-1234" is not a GitHub advisory id (GHSA-xxxx-xxxx-xxxx)',
    ],
    ['GHSA-aaaa-bbbb-cccc|app>>x', '"app>>x" has an empty package name'],
    [
      'GHSA-aaaa-bbbb-cccc|app>x until: 2027-02-30',
      '"2027-02-30" is not a date (YYYY-MM-DD)',
    ],
    [
      'GHSA-aaaa-bbbb-cccc|app>x until: soon',
      '"soon" is not a date (YYYY-MM-DD)',
    ],
    [
      'form-data',
      '"form-data" is not ADVISORY|path>to>pkg [until: YYYY-MM-DD]',
    ],
  ])('refuses %j: %s', (line, problem) => {
    expect(readAllowEntry(line)).toBe(problem)
  })
})

describe('hasExpired', () => {
  const entry = (until?: string): AllowEntry => ({
    text: 'x',
    advisory: 'GHSA-aaaa-bbbb-cccc',
    path: 'app>x',
    ...(until ? { until } : {}),
  })

  it.each([
    ['2027-01-30', false],
    ['2027-01-31', false],
    ['2027-02-01', true],
  ])('an entry until 2027-01-31 on %s has expired: %s', (today, expired) => {
    expect(hasExpired(entry('2027-01-31'), today)).toBe(expired)
  })

  it('never expires an entry without a date', () => {
    expect(hasExpired(entry(), '2999-01-01')).toBe(false)
  })
})

describe('entryFor', () => {
  const entries = [
    readAllowEntry('GHSA-aaaa-bbbb-cccc|app>request>form-data'),
  ].filter((e): e is AllowEntry => typeof e !== 'string')

  it.each([
    ['GHSA-aaaa-bbbb-cccc', ['app', 'request', 'form-data'], true],
    ['ghsa-AAAA-bbbb-cccc', ['app', 'request', 'form-data'], true],
    ['GHSA-aaaa-bbbb-cccc', ['app', 'other-pkg', 'form-data'], false],
    ['GHSA-aaaa-bbbb-cccc', ['app', 'form-data'], false],
    ['GHSA-dddd-eeee-ffff', ['app', 'request', 'form-data'], false],
  ])('matches %s via %j: %s', (advisory, path, matched) => {
    expect(entryFor(entries, advisory, path) !== undefined).toBe(matched)
  })

  it('spells advisory ids one way', () => {
    expect(advisoryKey('ghsa-AbCd-0000-zzzz')).toBe('GHSA-abcd-0000-zzzz')
    expect(advisoryKey('advisory-1096727')).toBe('advisory-1096727')
  })
})
