import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  LockFileError,
  allPaths,
  dependencyGraph,
  describePath,
  parseLock,
  resolveRequire,
  shortestPaths,
} from './index.js'

// The fixtures are real npm 11 lock files: see fixtures/README.md.
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')

const LOCKS = [
  ['v2', fixture('v2/package-lock.json')],
  ['v3', fixture('v3/package-lock.json')],
] as const

describe('parseLock', () => {
  it.each(LOCKS)('reads the packages of a %s lock', (_, text) => {
    const lock = parseLock(text)
    expect(lock.rootName).toBe('app')
    expect(lock.packages.size).toBe(66)
    expect(lock.packages.get('node_modules/form-data')).toMatchObject({
      name: 'form-data',
      version: '2.3.3',
      license: 'MIT',
      dev: false,
    })
    expect(lock.packages.get('node_modules/left-pad')?.dev).toBe(true)
    expect(
      lock.packages.get('node_modules/readable-stream/node_modules/safe-buffer')
        ?.name,
    ).toBe('safe-buffer')
  })

  it.each(LOCKS)('finds the line of each package in a %s lock', (_, text) => {
    const lock = parseLock(text)
    const lines = text.split('\n')
    const line = lock.lines.get('node_modules/form-data') ?? 0
    expect(lines[line - 1]).toBe('    "node_modules/form-data": {')
    expect(lock.lines.get('')).toBe(7)
  })

  it('refuses a version 1 lock and says how to update it', () => {
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: {} })
    expect(() => parseLock(v1)).toThrow(
      /lockfileVersion 1 has no "packages" map; run `npm install --package-lock-only` with npm 7/,
    )
  })

  it.each([
    ['{', /not JSON/],
    ['[]', /not a JSON object/],
    ['{"name": "x"}', /no lockfileVersion/],
  ])('refuses %j', (text, message) => {
    expect(() => parseLock(text)).toThrow(LockFileError)
    expect(() => parseLock(text)).toThrow(message)
  })

  it('names an aliased package by its real name', () => {
    const lock = parseLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { dependencies: { old: 'npm:new@1' } },
          'node_modules/old': { name: 'new', version: '1.0.0' },
        },
      }),
    )
    expect(lock.rootName).toBe('root')
    expect(lock.packages.get('node_modules/old')?.name).toBe('new')
  })
})

describe('resolveRequire', () => {
  const lock = parseLock(fixture('v3/package-lock.json'))

  it.each([
    ['', 'request', 'node_modules/request'],
    ['node_modules/request', 'form-data', 'node_modules/form-data'],
    [
      'node_modules/readable-stream',
      'safe-buffer',
      'node_modules/readable-stream/node_modules/safe-buffer',
    ],
    ['node_modules/ajv', 'missing', undefined],
  ])('finds what %j requires as %s at %s', (from, name, location) => {
    expect(resolveRequire(lock, from, name)).toBe(location)
  })

  it('follows a workspace link to its folder', () => {
    const workspace = parseLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'mono', workspaces: ['packages/*'] },
          'node_modules/ui': { resolved: 'packages/ui', link: true },
          'packages/ui': { name: 'ui', dependencies: { x: '1' } },
          'node_modules/x': { version: '1.0.0' },
        },
      }),
    )
    expect(resolveRequire(workspace, '', 'ui')).toBe('packages/ui')
    expect(resolveRequire(workspace, 'packages/ui', 'x')).toBe('node_modules/x')
  })
})

describe('dependency paths', () => {
  const lock = parseLock(fixture('v3/package-lock.json'))

  it('leaves devDependencies out unless asked', () => {
    const prod = shortestPaths(dependencyGraph(lock, { includeDev: false }))
    const all = shortestPaths(dependencyGraph(lock, { includeDev: true }))
    expect(prod.has('node_modules/left-pad')).toBe(false)
    expect(all.get('node_modules/left-pad')).toEqual([
      '',
      'node_modules/left-pad',
    ])
  })

  it('writes the shortest path with the last package versioned', () => {
    const paths = shortestPaths(dependencyGraph(lock, { includeDev: false }))
    const chain = paths.get(
      'node_modules/string_decoder/node_modules/safe-buffer',
    )
    expect(describePath(lock, chain ?? [])).toBe(
      'app > superagent > readable-stream > string_decoder > safe-buffer@5.1.2',
    )
  })

  it('finds every path to a hoisted package, shortest first', () => {
    const graph = dependencyGraph(lock, { includeDev: false })
    const found = allPaths(graph, 'node_modules/form-data', 10)
    expect(found.truncated).toBe(false)
    expect(found.paths.map((chain) => describePath(lock, chain))).toEqual([
      'app > request > form-data@2.3.3',
      'app > superagent > form-data@2.3.3',
    ])
  })

  it('says when it stopped at the limit', () => {
    const graph = dependencyGraph(lock, { includeDev: false })
    const found = allPaths(graph, 'node_modules/form-data', 1)
    expect(found.paths).toHaveLength(1)
    expect(found.truncated).toBe(true)
  })

  it('walks around a cycle without looping', () => {
    const cyclic = parseLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', dependencies: { a: '1' } },
          'node_modules/a': { version: '1.0.0', dependencies: { b: '1' } },
          'node_modules/b': { version: '1.0.0', dependencies: { a: '1' } },
        },
      }),
    )
    const graph = dependencyGraph(cyclic, { includeDev: false })
    const found = allPaths(graph, 'node_modules/b', 10)
    expect(found.paths.map((chain) => describePath(cyclic, chain))).toEqual([
      'app > a > b@1.0.0',
    ])
  })
})
