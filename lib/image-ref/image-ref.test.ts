import { describe, expect, it } from '@jest/globals'
import {
  ImageRefError,
  canonicalRepository,
  formatImageRef,
  normaliseImageName,
  parseImageRef,
  sameRepository,
  tryParseImageRef,
  withVersion,
} from './index.js'
import type { ImageRef, ImageVersion } from './index.js'
import { randomStrings } from '../../test/support/random.js'

// Digests from CASES.md C35, written out to their full 64 digits.
const D1 = `sha256:${'1'.repeat(64)}`
const D2 = `sha256:${'2'.repeat(64)}`
const D3 = `sha256:${'3'.repeat(64)}`
const D4 = `sha256:${'4'.repeat(64)}`
const D512 = `sha512:${'a'.repeat(128)}`

describe('parseImageRef', () => {
  it.each<[string, ImageRef]>([
    ['nginx', { repository: 'nginx' }],
    ['nginx:latest', { repository: 'nginx', tag: 'latest' }],
    ['library/nginx', { repository: 'library/nginx' }],
    [
      'docker.io/library/nginx:1.27',
      { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' },
    ],
    // C35 (a): the first `:` belongs to the registry host.
    [
      'localhost:5000/team/operator:1.0.0',
      { registry: 'localhost:5000', repository: 'team/operator', tag: '1.0.0' },
    ],
    [
      'localhost:5000/team/operator',
      { registry: 'localhost:5000', repository: 'team/operator' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    // C35 (b), (c), (d).
    ['nginx:latest@' + D1, { repository: 'nginx', tag: 'latest', digest: D1 }],
    ['busybox@' + D2, { repository: 'busybox', digest: D2 }],
    ['redis', { repository: 'redis' }],
    // C35 (e): name `org/repo`, not `org/repo:tag`.
    ['org/repo:tag@' + D4, { repository: 'org/repo', tag: 'tag', digest: D4 }],
    [
      'ghcr.io/org/app:main-7f3a6ce',
      { registry: 'ghcr.io', repository: 'org/app', tag: 'main-7f3a6ce' },
    ],
    [
      '[::1]:5000/app:1',
      { registry: '[::1]:5000', repository: 'app', tag: '1' },
    ],
    [
      '192.168.1.10:5000/a/b/c:v1',
      { registry: '192.168.1.10:5000', repository: 'a/b/c', tag: 'v1' },
    ],
    [
      'Registry.Example.com/app',
      { registry: 'Registry.Example.com', repository: 'app' },
    ],
    ['a__b/c-d--e/f.g:X_y', { repository: 'a__b/c-d--e/f.g', tag: 'X_y' }],
    ['localhost:5000', { repository: 'localhost', tag: '5000' }],
    ['app@' + D512, { repository: 'app', digest: D512 }],
  ])('parses %s', (text, expected) => {
    expect(parseImageRef(text)).toEqual(expected)
    expect(formatImageRef(parseImageRef(text))).toBe(text)
  })

  it.each<[string, string]>([
    ['', 'it is empty'],
    ['nginx:', 'tag ""'],
    ['nginx:.bad', 'tag ".bad"'],
    ['nginx:' + 'x'.repeat(129), 'must be 1 to 128'],
    [':tag', 'the name is empty'],
    ['@' + D1, 'the name is empty'],
    ['Nginx', 'must be lower-case, like "nginx"'],
    ['GHCR.io/Org/App', 'must be lower-case, like "org/app"'],
    ['nginx@sha256:abc', 'digest "sha256:abc"'],
    ['nginx@md5:' + 'a'.repeat(32), 'must be sha256:'],
    ['nginx@' + D1.toUpperCase(), 'lower-case hex'],
    ['nginx@', 'digest ""'],
    ['nginx@' + D1 + '@' + D2, 'digest'],
    ['a//b', 'path component ""'],
    ['a/-b', 'path component "-b"'],
    ['a/b-', 'path component "b-"'],
    ['nginx latest', 'path component "nginx latest"'],
    ['my_host.io/app', 'registry "my_host.io" is not a host'],
    ['host.io:port/app', 'registry "host.io:port" is not a host'],
    ['x'.repeat(256), 'over 255 characters'],
  ])('refuses %j, saying %s', (text, reason) => {
    expect(() => parseImageRef(text)).toThrow(ImageRefError)
    expect(() => parseImageRef(text)).toThrow(reason)
    expect(() => parseImageRef(text)).toThrow(/^invalid image reference "/)
  })

  it('gives undefined instead of an error through tryParseImageRef', () => {
    expect(tryParseImageRef('Bad Name')).toBeUndefined()
    expect(tryParseImageRef('redis:7.2')).toEqual({
      repository: 'redis',
      tag: '7.2',
    })
  })
})

// A property test without a library: a seeded generator glues together the
// pieces the grammar cares about, so a failure is reproducible from the seed.
const PIECES = [
  'a', 'Z', '0', '9', '.', '_', '__', '-', '/', ':', '@', 'sha256:',
  '1'.repeat(64), 'localhost', 'docker.io', ':5000', '[', ']', '::1', ' ',
  '\n', '\u0000', 'é', '🐳', '\uD800', 'x'.repeat(130), 'library/',
  'nginx', 'b', 'c1', 'team/', 'v1', ':1.0', 'app', '/x', 'ghcr.io/',
] // prettier-ignore

function texts(seed: number, count: number): string[] {
  return randomStrings(seed, count, PIECES, 12)
}

describe('parseImageRef on any string', () => {
  it.each([1, 2, 3, 4, 5])(
    'either round-trips or throws an ImageRefError (seed %i)',
    (seed) => {
      let parsed = 0
      for (const text of texts(seed, 2000)) {
        let ref: ImageRef | undefined
        try {
          ref = parseImageRef(text)
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ImageRefError)
          continue
        }
        parsed += 1
        expect(formatImageRef(ref)).toBe(text)
        expect(parseImageRef(formatImageRef(ref))).toEqual(ref)
      }
      // The generator must reach the valid side too, or the test says little.
      expect(parsed).toBeGreaterThan(100)
    },
  )
})

describe('canonicalRepository', () => {
  it.each<[string, string]>([
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1.27@' + D1, 'docker.io/library/nginx'],
    ['docker.io/nginx', 'docker.io/library/nginx'],
    ['docker.io/library/nginx', 'docker.io/library/nginx'],
    ['index.docker.io/library/nginx', 'docker.io/library/nginx'],
    ['org/repo', 'docker.io/org/repo'],
    ['localhost:5000/team/operator', 'localhost:5000/team/operator'],
    ['GHCR.IO/org/app', 'ghcr.io/org/app'],
  ])('names %s as %s', (text, expected) => {
    expect(canonicalRepository(parseImageRef(text))).toBe(expected)
  })

  it('keeps an explicit Docker Hub registry distinguishable when parsed', () => {
    expect(parseImageRef('nginx').registry).toBeUndefined()
    expect(parseImageRef('docker.io/nginx').registry).toBe('docker.io')
  })
})

describe('sameRepository', () => {
  it.each<[string, string, boolean]>([
    // C35: matching is on the normalised repository, never on a substring.
    ['nginx', 'docker.io/library/nginx', true],
    ['nginx', 'nginx-exporter', false],
    ['nginx', 'docker.io/nginx:1.0', true],
    ['nginx', 'ghcr.io/x/nginx', false],
    ['nginx', 'library/nginx', true],
    ['localhost:5000/a', 'localhost:5001/a', false],
    [
      'localhost:5000/team/operator:1.0.0',
      'localhost:5000/team/operator',
      true,
    ],
  ])('says %s and %s are the same: %s', (a, b, expected) => {
    expect(sameRepository(parseImageRef(a), parseImageRef(b))).toBe(expected)
  })
})

describe('withVersion', () => {
  it.each<[string, ImageVersion, string]>([
    // CASES.md C35 (a) to (d).
    [
      'localhost:5000/team/operator:1.0.0',
      { tag: '1.1.0' },
      'localhost:5000/team/operator:1.1.0',
    ],
    ['nginx:latest@' + D1, { tag: '1.27.0' }, 'nginx:1.27.0'],
    ['busybox@' + D2, { digest: D3 }, 'busybox@' + D3],
    ['redis', { tag: '7.2' }, 'redis:7.2'],
    ['app:1.0', { tag: '1.1', digest: D3 }, 'app:1.1@' + D3],
    ['app:1.0@' + D1, { digest: D3 }, 'app@' + D3],
  ])('sets %s to %j, giving %s', (text, version, expected) => {
    expect(formatImageRef(withVersion(parseImageRef(text), version))).toBe(
      expected,
    )
  })

  it.each<[ImageVersion, string]>([
    [{}, 'needs a tag or a digest'],
    [{ tag: '-x' }, 'tag "-x"'],
    [{ digest: 'sha256:1' }, 'digest "sha256:1"'],
  ])('refuses %j', (version, reason) => {
    expect(() => withVersion({ repository: 'app' }, version)).toThrow(reason)
  })
})

describe('normaliseImageName', () => {
  it.each<[string, string]>([
    // CASES.md C25: image names are lower-cased.
    ['GHCR.io/Org/App', 'ghcr.io/org/app'],
    ['nginx', 'nginx'],
    ['Localhost:5000/Team/Operator', 'localhost:5000/team/operator'],
  ])('writes %s as %s', (name, expected) => {
    expect(normaliseImageName(name)).toBe(expected)
  })

  it.each<[string, string]>([
    ['app:1.0', 'takes no tag or digest'],
    ['app@' + D1, 'takes no tag or digest'],
    ['bad name', 'path component'],
  ])('refuses %s', (name, reason) => {
    expect(() => normaliseImageName(name)).toThrow(reason)
  })
})
