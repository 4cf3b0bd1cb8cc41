import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { renderSha256Sums, sha256File } from '../src/checksums.js'

// SHA-256 of the three ASCII bytes "abc", from FIPS 180-2 appendix B.1.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
// SHA-256 of no bytes at all, from the same standard's test vectors.
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

let dir = ''

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'checksums-test-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function onPath(command: string): boolean {
  const paths = (process.env.PATH ?? '').split(delimiter)
  return paths.some((path) => path !== '' && existsSync(join(path, command)))
}

describe('sha256File', () => {
  it.each([
    ['abc', ABC],
    ['', EMPTY],
  ])('hashes the bytes %j to the standard digest', async (content, digest) => {
    const path = join(dir, `vector-${digest.slice(0, 8)}`)
    writeFileSync(path, content)
    await expect(sha256File(path)).resolves.toBe(digest)
  })

  it('hashes a file larger than one read chunk', async () => {
    const path = join(dir, 'large.bin')
    const bytes = Buffer.alloc(1024 * 1024 + 7, 0x61)
    writeFileSync(path, bytes)
    const expected = createHash('sha256').update(bytes).digest('hex')
    await expect(sha256File(path)).resolves.toBe(expected)
  })

  it('rejects for a missing file', async () => {
    await expect(sha256File(join(dir, 'absent'))).rejects.toThrow('ENOENT')
  })
})

describe('renderSha256Sums', () => {
  it('sorts by name, lower-cases, uses two spaces and bare names (C66)', () => {
    const text = renderSha256Sums([
      { name: 'scope-pkg-1.2.3.tgz', sha256: ABC.toUpperCase() },
      { name: 'app-linux-amd64.tar.gz', sha256: EMPTY },
      { name: 'app-darwin-arm64.tar.gz', sha256: ABC },
    ])
    expect(text).toBe(
      `${ABC}  app-darwin-arm64.tar.gz\n` +
        `${EMPTY}  app-linux-amd64.tar.gz\n` +
        `${ABC}  scope-pkg-1.2.3.tgz\n`,
    )
  })

  it('sorts in byte order, capitals before lower case', () => {
    const text = renderSha256Sums([
      { name: 'b', sha256: ABC },
      { name: 'B', sha256: ABC },
      { name: 'a', sha256: ABC },
    ])
    expect(text.split('\n').map((line) => line.slice(66))).toEqual([
      'B',
      'a',
      'b',
      '',
    ])
  })

  it.each([
    ['a short digest', { name: 'a', sha256: 'abc' }, 'is not a SHA-256'],
    ['a path', { name: 'dist/a', sha256: ABC }, 'unusable name'],
    ['a newline in a name', { name: 'a\nb', sha256: ABC }, 'unusable name'],
    ['a backslash in a name', { name: 'a\\b', sha256: ABC }, 'unusable name'],
    ['an empty name', { name: '', sha256: ABC }, 'unusable name'],
  ])('refuses %s', (_name, entry, message) => {
    expect(() => renderSha256Sums([entry])).toThrow(message)
  })

  it('refuses a name listed twice', () => {
    const entry = { name: 'a', sha256: ABC }
    expect(() => renderSha256Sums([entry, entry])).toThrow('a is repeated')
  })

  const withSha256sum = onPath('sha256sum') ? it : it.skip
  withSha256sum('writes a file that sha256sum -c accepts (C66)', async () => {
    const names = [
      'app-linux-amd64.tar.gz',
      'app-darwin-arm64.tar.gz',
      'scope-pkg-1.2.3.tgz',
    ]
    const folder = mkdtempSync(join(dir, 'download-'))
    const entries = []
    for (const name of names) {
      writeFileSync(join(folder, name), `bytes of ${name}\n`)
      entries.push({ name, sha256: await sha256File(join(folder, name)) })
    }
    writeFileSync(join(folder, 'SHA256SUMS'), renderSha256Sums(entries))
    const output = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: folder,
      encoding: 'utf8',
    })
    expect(output).toBe(
      'app-darwin-arm64.tar.gz: OK\napp-linux-amd64.tar.gz: OK\nscope-pkg-1.2.3.tgz: OK\n',
    )
  })
})
