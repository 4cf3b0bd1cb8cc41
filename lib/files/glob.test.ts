import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expandGlob, globBase } from './glob.js'

// A build output tree made up for these tests: tarballs at two depths, a
// scoped package, dotfiles and a dot directory.
const FILES = [
  'dist/app-linux-amd64.tar.gz',
  'dist/app-darwin-arm64.tar.gz',
  'dist/app.zip',
  'dist/@scope/pkg-1.2.3.tgz',
  'dist/nested/deep/lib-1.0.0.tgz',
  'dist/.hidden.tgz',
  'dist/.cache/cached.tgz',
  'dist/a1.txt',
  'dist/b2.txt',
  'dist/c3.txt',
  'dist/*star.txt',
  'README.md',
  '.env',
]

let root = ''

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'glob-test-'))
  for (const file of FILES) {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), file)
  }
  mkdirSync(join(root, 'empty-dir'))
  // A loop that a careless `**` would follow forever.
  symlinkSync(join(root, 'dist'), join(root, 'dist/nested/loop'))
  symlinkSync(join(root, 'dist/app.zip'), join(root, 'dist/link.zip'))
  symlinkSync(join(root, 'nowhere'), join(root, 'dist/broken.zip'))
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('expandGlob', () => {
  it.each([
    [
      'dist/*.tar.gz',
      ['dist/app-darwin-arm64.tar.gz', 'dist/app-linux-amd64.tar.gz'],
    ],
    ['./dist/*.zip', ['dist/app.zip', 'dist/link.zip']],
    [
      'dist/**/*.tgz',
      ['dist/@scope/pkg-1.2.3.tgz', 'dist/nested/deep/lib-1.0.0.tgz'],
    ],
    [
      'dist/**',
      [
        'dist/*star.txt',
        'dist/@scope/pkg-1.2.3.tgz',
        'dist/a1.txt',
        'dist/app-darwin-arm64.tar.gz',
        'dist/app-linux-amd64.tar.gz',
        'dist/app.zip',
        'dist/b2.txt',
        'dist/c3.txt',
        'dist/link.zip',
        'dist/nested/deep/lib-1.0.0.tgz',
      ],
    ],
    ['dist/?1.txt', ['dist/a1.txt']],
    ['dist/[ab]*.txt', ['dist/a1.txt', 'dist/b2.txt']],
    ['dist/[!ab]*.txt', ['dist/*star.txt', 'dist/c3.txt']],
    ['dist/[a-b]?.txt', ['dist/a1.txt', 'dist/b2.txt']],
    ['dist/{a1,c3}.txt', ['dist/a1.txt', 'dist/c3.txt']],
    ['{dist/app.zip,README.md}', ['README.md', 'dist/app.zip']],
    ['{./dist,dist}/app.zip', ['dist/app.zip']],
    ['dist/{a,{b,c}}?.txt', ['dist/a1.txt', 'dist/b2.txt', 'dist/c3.txt']],
    ['dist/\\**.txt', ['dist/*star.txt']],
    ['dist/.*.tgz', ['dist/.hidden.tgz']],
    ['dist/.cache/*', ['dist/.cache/cached.tgz']],
    ['*', ['README.md']],
    ['.*', ['.env']],
    ['dist/app.zip', ['dist/app.zip']],
    ['dist//app.zip', ['dist/app.zip']],
    ['dist/missing.zip', []],
    ['dist/*.nothing', []],
    ['missing/**/*.tgz', []],
    ['dist', []],
    ['empty-dir/*', []],
    ['dist/broken.zip', []],
  ])('expands %s', (pattern, expected) => {
    expect(expandGlob(pattern, root)).toEqual(expected)
  })

  it('returns absolute paths for an absolute pattern', () => {
    expect(expandGlob(`${root}/dist/*.zip`, '/nowhere')).toEqual([
      `${root}/dist/app.zip`,
      `${root}/dist/link.zip`,
    ])
  })

  it('throws on a character range that cannot be', () => {
    expect(() => expandGlob('dist/[z-a].txt', root)).toThrow(
      'invalid glob segment "[z-a].txt"',
    )
  })

  it('reads an unclosed bracket as itself', () => {
    expect(expandGlob('dist/[a1.txt', root)).toEqual([])
  })
})

describe('globBase', () => {
  it.each([
    ['dist/**/*.tgz', 'dist'],
    ['dist/*.tgz', 'dist'],
    ['./dist/release/*.tgz', 'dist/release'],
    ['dist/app.zip', 'dist'],
    ['*.tgz', '.'],
    ['app.zip', '.'],
    ['{dist,out}/*.tgz', '.'],
    ['out/{a,b}/*.tgz', 'out'],
    ['out/x[12]/*.tgz', 'out'],
    ['/tmp/build/*.tgz', '/tmp/build'],
    ['/*.tgz', '/'],
  ])('gives %s the base %s', (pattern, base) => {
    expect(globBase(pattern)).toBe(base)
  })
})
