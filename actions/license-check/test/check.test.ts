import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from '@jest/globals'
import { parseLock } from '../../../lib/npm-lock/index.js'
import { readPolicyList } from '../../../lib/spdx/index.js'
import { readAllowance } from '../src/allow-packages.js'
import type { PackageAllowance } from '../src/allow-packages.js'
import type { LicenseCheckOptions, LicenseReport } from '../src/check.js'
import { checkLicenses } from '../src/check.js'
import type { TestProject } from './project.js'
import { c71Project, writeProject } from './project.js'

function options(
  allow: string[],
  more: Partial<LicenseCheckOptions> = {},
): LicenseCheckOptions {
  return {
    includeDev: false,
    policy: { allow: readPolicyList(allow).entries, deny: [] },
    allowPackages: [],
    acceptGuessed: false,
    ...more,
  }
}

function allowances(...entries: string[]): PackageAllowance[] {
  return entries.map((entry) => {
    const read = readAllowance(entry)
    if (typeof read === 'string') throw new Error(read)
    return read
  })
}

function check(project: TestProject, opts: LicenseCheckOptions): LicenseReport {
  const lock = parseLock(readFileSync(project.lockFile, 'utf8'))
  return checkLicenses(lock, project.dir, opts)
}

const rows = (results: LicenseReport['violations']): string[][] =>
  results.map((r) => [r.name, r.outcome.license, r.outcome.message, r.path])

describe('checkLicenses', () => {
  let project: TestProject | undefined
  afterEach(() => {
    project?.cleanup()
    project = undefined
  })

  // C71, second half: with the valid allow list `MIT, BSD-3-Clause`, a and
  // c pass, b's guessed MIT fails, d and e fail; all in one run, each with
  // the path that brings it in.
  it('reports every C71 violation in one run, with its path', () => {
    project = c71Project()
    const report = check(project, options(['MIT', 'BSD-3-Clause']))
    expect(report.packages.map((p) => p.name)).toEqual([
      'a',
      'b',
      'c',
      'e',
      'x',
      'd',
    ])
    expect(rows(report.violations)).toEqual([
      ['b', 'MIT', 'guessed license (MIT from README.md)', 'root > b@1.0.0'],
      [
        'e',
        'GPL-3.0-only',
        'not in the allow list: GPL-3.0-only',
        'root > e@1.0.0',
      ],
      [
        'd',
        'Apache-2.0',
        'not in the allow list: Apache-2.0',
        'root > x > d@1.0.0',
      ],
    ])
  })

  it('passes C71 b when guesses are accepted', () => {
    project = c71Project()
    const report = check(
      project,
      options(['MIT', 'BSD-3-Clause'], { acceptGuessed: true }),
    )
    expect(report.violations.map((r) => r.name)).toEqual(['e', 'd'])
  })

  it('lets allow-packages excuse a package by name or range, and keeps it listed', () => {
    project = c71Project()
    const report = check(
      project,
      options(['MIT', 'BSD-3-Clause'], {
        allowPackages: allowances('b', 'd@^1.0.0', 'e@2', 'unused'),
      }),
    )
    expect(report.violations.map((r) => r.name)).toEqual(['e'])
    expect(report.excused.map((r) => [r.name, r.excusedBy])).toEqual([
      ['b', 'b'],
      ['d', 'd@^1.0.0'],
    ])
    expect(report.unusedAllowances).toEqual(['e@2', 'unused'])
  })

  it('checks devDependencies only when asked', () => {
    project = writeProject(
      'app',
      { a: '1' },
      [
        { location: 'node_modules/a', license: 'MIT' },
        { location: 'node_modules/t', license: 'GPL-3.0-only', dev: true },
      ],
      { t: '1' },
    )
    expect(check(project, options(['MIT'])).violations).toEqual([])
    const all = check(project, options(['MIT'], { includeDev: true }))
    expect(rows(all.violations)).toEqual([
      [
        't',
        'GPL-3.0-only',
        'not in the allow list: GPL-3.0-only',
        'app > t@1.0.0',
      ],
    ])
  })

  it('points each package at its line in the lock', () => {
    project = c71Project()
    const report = check(project, options(['MIT']))
    const lines = readFileSync(project.lockFile, 'utf8').split('\n')
    const e = report.packages.find((p) => p.name === 'e')
    expect(lines[(e?.line ?? 0) - 1]).toBe('    "node_modules/e": {')
  })
})

// The recorded npm 11 locks of lib/npm-lock/fixtures: every license there
// is declared in the lock, so nothing needs node_modules.
describe.each(['v2', 'v3'])('checkLicenses on the recorded %s lock', (v) => {
  const url = new URL(
    `../../../lib/npm-lock/fixtures/${v}/package-lock.json`,
    import.meta.url,
  )
  const lock = parseLock(readFileSync(url, 'utf8'))
  const common = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'BSD-2-Clause']

  it('passes a production install on a common allow list but for tweetnacl', () => {
    const report = checkLicenses(lock, '/nonexistent', options(common))
    expect(report.packages).toHaveLength(64)
    expect(
      report.violations.map((r) => [r.name, r.outcome.message, r.path]),
    ).toEqual([
      [
        'tweetnacl',
        'not in the allow list: Unlicense',
        'app > request > http-signature > sshpk > tweetnacl@0.14.5',
      ],
    ])
    const schema = report.packages.find((p) => p.name === 'json-schema')
    expect(schema?.outcome.message).toBe('chosen: BSD-3-Clause')
  })

  it('adds the devDependency when asked', () => {
    const report = checkLicenses(
      lock,
      '/nonexistent',
      options([...common, 'Unlicense'], { includeDev: true }),
    )
    expect(report.violations.map((r) => [r.name, r.path])).toEqual([
      ['left-pad', 'app > left-pad@1.3.0'],
    ])
  })
})
