import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  DEFAULT_BASELINE,
  DEFAULT_IGNORE_FILE,
  parseSize,
} from '../src/settings.js'
import { shares } from '../src/tree-workers.js'

describe('parseSize', () => {
  it.each([
    ['2048', 2048],
    ['500k', 500 * 1024],
    ['5M', 5 * 1024 * 1024],
    ['1.5m', 1.5 * 1024 * 1024],
    ['1GiB', 1024 * 1024 * 1024],
    ['5 MB', 5 * 1024 * 1024],
    ['huge', undefined],
    ['-1k', undefined],
  ])('reads %j as %p bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })
})

describe('action.yml', () => {
  const action = parse(
    readFileSync(new URL('../action.yml', import.meta.url), 'utf8'),
  ) as { inputs: Record<string, { default?: string }>; runs: { main: string } }

  it('names the defaults the code uses', () => {
    expect(action.inputs['ignore-file']?.default).toBe(DEFAULT_IGNORE_FILE)
    expect(action.inputs['baseline']?.default).toBe(DEFAULT_BASELINE)
    expect(parseSize(action.inputs['max-file-size']?.default ?? '')).toBe(
      5 * 1024 * 1024,
    )
  })

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: '../../dist/secret-scan/index.js',
    })
  })
})

describe('shares', () => {
  it('splits files into shares of about equal bytes, each sorted', () => {
    const paths = ['a', 'b', 'c', 'd', 'e']
    const sizes = [50, 40, 30, 20, 10]
    expect(shares(paths, sizes, 2)).toEqual([
      ['a', 'd', 'e'],
      ['b', 'c'],
    ])
  })

  it('gives every file to exactly one share', () => {
    const paths = Array.from({ length: 100 }, (_, i) => `f${i}`)
    const split = shares(
      paths,
      paths.map((_, i) => i % 7),
      3,
    )
    expect(split.flat().sort()).toEqual([...paths].sort())
  })
})
