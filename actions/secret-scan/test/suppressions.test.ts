import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  parseIgnoreFile,
  readBaseline,
  writeBaseline,
} from '../src/suppressions.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-secret-scan-'))
  dirs.push(dir)
  return dir
}

describe('parseIgnoreFile', () => {
  const list = parseIgnoreFile(
    [
      '# test data',
      'tests/fixtures/**',
      '!tests/fixtures/keep.pem',
      '0123456789abcdef0123456789abcdef',
      'rule:jwt',
      '',
    ].join('\n'),
    ['jwt', 'github-token'],
  )

  it.each([
    ['tests/fixtures/key.pem', true],
    ['tests/fixtures/deep/a.json', true],
    ['tests/fixtures/keep.pem', false],
    ['src/fixtures/key.pem', false],
  ])('ignores the path %s: %s', (path, ignored) => {
    expect(list.path(path)).toBe(ignored)
  })

  it('reads fingerprints and rules', () => {
    expect([...list.fingerprints]).toEqual(['0123456789abcdef0123456789abcdef'])
    expect([...list.rules]).toEqual(['jwt'])
  })

  it('refuses an invalid glob and an unknown rule', () => {
    expect(() => parseIgnoreFile('src/[z-a].txt', [])).toThrow(
      /input 'ignore-file'/,
    )
    expect(() => parseIgnoreFile('rule:nope', ['jwt'])).toThrow(
      /got "rule:nope"; expected rule:<id> with one of the rules: jwt/,
    )
  })
})

describe('the baseline', () => {
  it('is read back as written, sorted, one entry a fingerprint', () => {
    const file = join(tempDir(), 'nested', 'baseline.json')
    const a = {
      fingerprint: 'a'.repeat(32),
      rule: 'jwt',
      path: 'b.txt',
      redacted: 'eyJh****',
    }
    const b = {
      fingerprint: 'b'.repeat(32),
      rule: 'jwt',
      path: 'a.txt',
      redacted: 'eyJh****',
    }
    writeBaseline(file, [a, b, a])
    const written = JSON.parse(readFileSync(file, 'utf8')) as {
      findings: unknown[]
    }
    expect(written.findings).toEqual([b, a])
    expect(readBaseline(file, 'baseline')).toEqual(
      new Set([a.fingerprint, b.fingerprint]),
    )
  })

  it('is empty when the file is absent', () => {
    expect(readBaseline(join(tempDir(), 'none.json'), 'baseline').size).toBe(0)
  })

  it.each([
    ['not JSON', '{'],
    ['no findings', '{"version": 1}'],
    ['a bad fingerprint', '{"findings": [{"fingerprint": "xyz"}]}'],
  ])('refuses a file with %s', (_, text) => {
    const file = join(tempDir(), 'baseline.json')
    writeFileSync(file, text)
    expect(() => readBaseline(file, 'baseline')).toThrow(/input 'baseline'/)
  })
})
