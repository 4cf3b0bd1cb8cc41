import { describe, expect, it } from '@jest/globals'
import { countChanges } from '../src/changes.js'
import { generatedFiles } from '../src/gitattributes.js'
import {
  DEFAULT_THRESHOLDS,
  isLockFile,
  parseThresholds,
  sizeOf,
} from '../src/size.js'

describe('sizeOf', () => {
  it.each([
    [0, 'XS'],
    [10, 'XS'],
    [11, 'S'],
    [100, 'S'],
    [101, 'M'],
    [500, 'M'],
    [501, 'L'],
    [1000, 'L'],
    [1001, 'XL'],
  ])('puts %i lines at %s', (lines, size) => {
    expect(sizeOf(lines, DEFAULT_THRESHOLDS)).toBe(size)
  })
})

describe('parseThresholds', () => {
  it('reads four rising numbers, or gives the defaults', () => {
    expect(parseThresholds('5, 50, 200, 400')).toEqual([5, 50, 200, 400])
    expect(parseThresholds('5\n50\n200\n400')).toEqual([5, 50, 200, 400])
    expect(parseThresholds(undefined)).toEqual([10, 100, 500, 1000])
  })

  it.each([
    '10, 100, 500',
    '10, 100, 100, 1000',
    '10, 1e2, 500, 1000',
    '-1, 1, 2, 3',
  ])('refuses %j', (text) => {
    expect(() => parseThresholds(text)).toThrow(
      /^input 'size-thresholds': got ".*"; expected four rising whole numbers/,
    )
  })
})

describe('isLockFile', () => {
  it.each([
    ['package-lock.json', true],
    ['web/yarn.lock', true],
    ['pnpm-lock.yaml', true],
    ['crates/x/Cargo.lock', true],
    ['go.sum', true],
    ['poetry.lock', true],
    ['package.json', false],
    ['docs/yarn.lock.md', false],
  ])('%s: %s', (path, expected) => {
    expect(isLockFile(path)).toBe(expected)
  })
})

describe('countChanges', () => {
  it('counts only files that are not lock files, generated or ignored', () => {
    const generated = generatedFiles('gen/** linguist-generated')
    const changes = countChanges(
      [
        { path: 'yarn.lock', additions: 900, deletions: 100 },
        { path: 'gen/api.ts', additions: 400, deletions: 0 },
        { path: 'docs/a.md', additions: 60, deletions: 0 },
        { path: 'src/a.ts', additions: 8, deletions: 2 },
      ],
      generated,
      { thresholds: DEFAULT_THRESHOLDS, prefix: 'size/', ignore: ['docs/**'] },
    )
    expect(changes.files.map((f) => f.excluded)).toEqual([
      'lock file',
      'generated',
      'ignored',
      undefined,
    ])
    expect([changes.counted, changes.size]).toEqual([10, 'XS'])
    expect([changes.additions, changes.deletions]).toEqual([1368, 102])
    expect(changes.capped).toBe(false)
  })
})
