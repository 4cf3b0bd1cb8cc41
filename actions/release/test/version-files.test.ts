import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import type { VersionFile } from '../src/version-files.js'
import {
  applyVersion,
  defaultVersionFiles,
  parseVersionFileSpec,
} from '../src/version-files.js'

// CASES.md C68: package.json with 2-space indent and a trailing newline; a
// lockfile v3 (npm 10 layout, written by hand) with the root version twice.
const PACKAGE_JSON = '{\n  "name": "app",\n  "version": "1.4.0"\n}\n'
const LOCKFILE = `{
  "name": "app",
  "version": "1.4.0",
  "lockfileVersion": 3,
  "packages": {
    "": {
      "name": "app",
      "version": "1.4.0"
    },
    "node_modules/dep": {
      "version": "1.4.0"
    }
  }
}
`

function reader(files: Record<string, string>) {
  return (path: string): string | undefined => files[path]
}

describe('parseVersionFileSpec', () => {
  it.each([
    ['package.json', { path: 'package.json', keys: [['version']] }],
    ['./package.json', { path: 'package.json', keys: [['version']] }],
    [' manifest.json:version ', { path: 'manifest.json', keys: [['version']] }],
    [
      'chart.json:app.version',
      { path: 'chart.json', keys: [['app', 'version']] },
    ],
    [
      'lock.json:packages."".version',
      { path: 'lock.json', keys: [['packages', '', 'version']] },
    ],
    ['a/b.json:"x.y".v', { path: 'a/b.json', keys: [['x.y', 'v']] }],
  ])('reads %j', (spec, expected) => {
    expect(parseVersionFileSpec(spec)).toEqual(expected)
  })

  it.each([
    [''],
    [':version'],
    ['package.json:'],
    ['package.json:a..b'],
    ['package.json:.a'],
    ['package.json:a.'],
    ['package.json:"open'],
    ['package.json:"a"b'],
    ['package.json: a'],
    ['/etc/app.json'],
    ['../other/package.json'],
    ['dir\\package.json'],
  ])('refuses %j as a configuration error of version-files', (spec) => {
    let thrown: unknown
    try {
      parseVersionFileSpec(spec)
    } catch (error: unknown) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).input).toBe('version-files')
    expect((thrown as ConfigError).value).toBe(spec)
  })
})

describe('defaultVersionFiles', () => {
  it('lists the npm files that exist with their version keys', () => {
    const present = new Set(['package.json', 'package-lock.json'])
    expect(defaultVersionFiles((path) => present.has(path))).toEqual([
      { path: 'package.json', keys: [['version']], optional: true },
      {
        path: 'package-lock.json',
        keys: [['version'], ['packages', '', 'version']],
        optional: true,
      },
    ])
  })

  it('includes npm-shrinkwrap.json like a lockfile', () => {
    const files = defaultVersionFiles((path) => path === 'npm-shrinkwrap.json')
    expect(files.map((file) => file.keys)).toEqual([
      [['version'], ['packages', '', 'version']],
    ])
  })

  it('lists nothing in a repository without npm files', () => {
    expect(defaultVersionFiles(() => false)).toEqual([])
  })
})

describe('applyVersion', () => {
  const defaults = defaultVersionFiles(() => true)

  it('sets package.json and both lockfile root fields, nothing else (C68)', () => {
    const read = reader({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILE,
    })
    const changes = applyVersion(defaults, read, '1.5.0')
    expect(changes).toEqual([
      {
        path: 'package.json',
        before: PACKAGE_JSON,
        after: PACKAGE_JSON.replace('1.4.0', '1.5.0'),
      },
      {
        path: 'package-lock.json',
        before: LOCKFILE,
        after: LOCKFILE.replace('1.4.0', '1.5.0').replace(
          '"app",\n      "version": "1.4.0"',
          '"app",\n      "version": "1.5.0"',
        ),
      },
    ])
    expect(changes[1].after).toContain(
      '"node_modules/dep": {\n      "version": "1.4.0"',
    )
  })

  it('returns nothing when every file already has the version (a re-run)', () => {
    const read = reader({
      'package.json': PACKAGE_JSON,
      'package-lock.json': LOCKFILE,
    })
    expect(applyVersion(defaults, read, '1.4.0')).toEqual([])
  })

  it('skips what the defaults cannot know: a lockfile v1, no version field', () => {
    const read = reader({
      'package.json': '{\n\t"private": true\n}',
      'package-lock.json': '{"version":"1.0.0","lockfileVersion":1}',
    })
    expect(applyVersion(defaults, read, '1.1.0')).toEqual([
      {
        path: 'package-lock.json',
        before: '{"version":"1.0.0","lockfileVersion":1}',
        after: '{"version":"1.1.0","lockfileVersion":1}',
      },
    ])
  })

  it('edits one file for several specs naming it', () => {
    const files: VersionFile[] = [
      parseVersionFileSpec('chart.json:version'),
      parseVersionFileSpec('chart.json:app.version'),
    ]
    const read = reader({
      'chart.json': '{"version":"1","app":{"version":"1"}}',
    })
    expect(applyVersion(files, read, '2')).toEqual([
      {
        path: 'chart.json',
        before: '{"version":"1","app":{"version":"1"}}',
        after: '{"version":"2","app":{"version":"2"}}',
      },
    ])
  })

  it.each([
    [
      'a configured file is missing',
      'gone.json',
      {},
      'version file gone.json does not exist',
    ],
    [
      'a configured key is missing',
      'chart.json:app.version',
      { 'chart.json': '{"app":{}}' },
      'version file chart.json has no key app.version',
    ],
    [
      'a value is not a string',
      'package.json',
      { 'package.json': '{\n  "version": 1\n}' },
      'version file package.json: version is a number, not a string at 2:14',
    ],
    [
      'a file is not JSON',
      'package.json',
      { 'package.json': '{\n  "version": "1.0.0",\n}' },
      'version file package.json is not valid JSON: expected a key at 3:1',
    ],
  ])('throws when %s', (_name, spec, files, message) => {
    const read = reader(files)
    expect(() =>
      applyVersion([parseVersionFileSpec(spec)], read, '2.0.0'),
    ).toThrow(message)
  })

  it('computes nothing at all when a later file fails', () => {
    const files = [
      parseVersionFileSpec('package.json'),
      parseVersionFileSpec('broken.json'),
    ]
    const read = reader({ 'package.json': PACKAGE_JSON, 'broken.json': '{' })
    expect(() => applyVersion(files, read, '1.5.0')).toThrow('broken.json')
  })

  it('still refuses a default file that is not JSON', () => {
    const read = reader({ 'package.json': '{ nope' })
    expect(() => applyVersion(defaults, read, '1.0.0')).toThrow(
      'version file package.json is not valid JSON',
    )
  })
})
