import { describe, expect, it } from '@jest/globals'
import { fitTag, imageTags, sanitiseTag } from '../src/image-tags.js'
import { H, M, SHA, input } from './tag-input.js'

// imageTags for branches and pull requests, the short SHA, and the tag
// sanitising they share.

describe('imageTags for a branch', () => {
  it.each<[string, string, string[]]>([
    // C25, with its image written `GHCR.io/Org/App`.
    [
      'feature/JIRA-12#fix',
      SHA,
      ['feature-jira-12-fix-7f3a6ce', 'feature-jira-12-fix'],
    ],
    [
      'dependabot/npm_and_yarn/@babel/runtime-7.3.1',
      SHA,
      [
        'dependabot-npm_and_yarn-babel-runtime-7.3.1-7f3a6ce',
        'dependabot-npm_and_yarn-babel-runtime-7.3.1',
      ],
    ],
    // C27: image app:main-7f3a6ce.
    ['main', SHA, ['main-7f3a6ce', 'main']],
    // A branch never takes a release's tag.
    ['latest', SHA, ['branch-latest-7f3a6ce', 'branch-latest']],
    ['1.2', SHA, ['branch-1.2-7f3a6ce', 'branch-1.2']],
    ['V2', SHA, ['branch-v2-7f3a6ce', 'branch-v2']],
    ['release/1.2', SHA, ['release-1.2-7f3a6ce', 'release-1.2']],
  ])('gives a push to %s at %s the tags %j', (branch, sha, expected) => {
    const result = imageTags(
      input({ image: 'GHCR.io/Org/App', ref: `refs/heads/${branch}`, sha }),
    )
    expect(result.image).toBe('ghcr.io/org/app')
    expect(result.tagNames).toEqual(expected)
    expect(result.tags).toEqual(expected.map((tag) => `ghcr.io/org/app:${tag}`))
    expect(result.latest).toBe(false)
    expect(result.version).toBeUndefined()
  })

  it.each([
    ['schedule', 'refs/heads/main'],
    ['workflow_dispatch', 'refs/heads/main'],
  ] as const)('tags a %s run on %s like a push', (event, ref) => {
    expect(imageTags(input({ event, ref })).tagNames).toEqual([
      'main-7f3a6ce',
      'main',
    ])
  })

  it('cuts a long branch to 128 characters ending in a hash', () => {
    const long = `feature/${'x'.repeat(200)}`
    const [withSha, plain] = imageTags(
      input({ ref: `refs/heads/${long}` }),
    ).tagNames
    expect(plain).toHaveLength(128)
    expect(plain).toMatch(/^feature-x+-[0-9a-f]{8}$/)
    expect(withSha).toHaveLength(128)
    expect(withSha).toMatch(/^feature-x+-[0-9a-f]{8}-7f3a6ce$/)
  })

  it('keeps two long branches that share a start apart', () => {
    const start = 'y'.repeat(200)
    const a = imageTags(input({ ref: `refs/heads/${start}-a` })).tagNames
    const b = imageTags(input({ ref: `refs/heads/${start}-b` })).tagNames
    expect(a[1]).not.toBe(b[1])
  })

  it('names a branch with no usable character by its hash', () => {
    const [withSha, plain] = imageTags(
      input({ ref: 'refs/heads/###' }),
    ).tagNames
    expect(plain).toMatch(/^ref-[0-9a-f]{8}$/)
    expect(withSha).toBe(`${plain}-7f3a6ce`)
  })
})

describe('imageTags for a pull request', () => {
  const pr = {
    event: 'pull_request',
    ref: 'refs/pull/42/merge',
    sha: M,
    pullRequest: { number: 42, headSha: H },
  } as const
  // The same event with no pull request payload.
  const byRef = {
    event: 'pull_request',
    ref: 'refs/pull/42/merge',
    sha: M,
  } as const

  // C26: the PR number, and the head's SHA, never the merge commit's.
  it('tags pr-42 and the head SHA by default', () => {
    const result = imageTags(input(pr))
    expect(result.tags).toEqual([
      'ghcr.io/org/app:pr-42',
      'ghcr.io/org/app:sha-bbbbbbb',
    ])
    expect(result.shortSha).toBe('bbbbbbb')
    expect(result.revision).toBe(H)
    expect(result.latest).toBe(false)
  })

  it('takes the merge commit only when asked', () => {
    const result = imageTags(input({ ...pr, prShaSource: 'merge' }))
    expect(result.tagNames).toEqual(['pr-42', 'sha-aaaaaaa'])
    expect(result.shortSha).toBe('aaaaaaa')
    expect(result.revision).toBe(M)
  })

  it('reads the number from the ref when the merge commit is asked for', () => {
    const result = imageTags(input({ ...byRef, prShaSource: 'merge' }))
    expect(result.tagNames).toEqual(['pr-42', 'sha-aaaaaaa'])
  })

  it('refuses to fall back to the merge commit without the head', () => {
    expect(() => imageTags(input(byRef))).toThrow("pull request's head SHA")
  })
})

describe('imageTags short SHA', () => {
  // C27: one fixed length, whatever `git rev-parse --short` would say.
  it.each<[number | undefined, string, string]>([
    [undefined, '7f3a6ce', 'main-7f3a6ce'],
    [7, '7f3a6ce', 'main-7f3a6ce'],
    [8, '7f3a6ce1', 'main-7f3a6ce1'],
    [12, '7f3a6ce1d200', 'main-7f3a6ce1d200'],
  ])('with length %s is %s, tagging %s', (length, shortSha, tag) => {
    const result = imageTags(
      input(length === undefined ? {} : { shortShaLength: length }),
    )
    expect(result.shortSha).toBe(shortSha)
    expect(result.tags[0]).toBe(`ghcr.io/org/app:${tag}`)
  })

  it('is returned for a release too, for update-manifests', () => {
    expect(imageTags(input({ ref: 'refs/tags/v1.0.0' })).shortSha).toBe(
      '7f3a6ce',
    )
  })

  it('is lower-case whatever case the SHA came in', () => {
    expect(imageTags(input({ sha: SHA.toUpperCase() })).shortSha).toBe(
      '7f3a6ce',
    )
  })
})

describe('sanitiseTag', () => {
  it.each<[string, string]>([
    ['feature/JIRA-12#fix', 'feature-jira-12-fix'],
    [
      'dependabot/npm_and_yarn/@babel/runtime-7.3.1',
      'dependabot-npm_and_yarn-babel-runtime-7.3.1',
    ],
    ['.hidden', 'hidden'],
    ['--x--', 'x'],
    ['a@@b', 'a-b'],
    ['a//--//b', 'a-b'],
    ['UPPER_case.1', 'upper_case.1'],
    ['ünïcode', 'n-code'],
    ['fix.', 'fix'],
  ])('writes %s as %s', (name, expected) => {
    expect(sanitiseTag(name)).toBe(expected)
  })

  it('keeps every tag of a random branch legal and at most 128 long', () => {
    const chars = 'aZ09/._-@#: é~'
    let state = 7
    for (let i = 0; i < 500; i++) {
      let branch = ''
      const length = 1 + (i % 300)
      for (let j = 0; j < length; j++) {
        state = (state * 1664525 + 1013904223) >>> 0
        branch += chars[state % chars.length]
      }
      for (const tag of imageTags(input({ ref: `refs/heads/${branch}` }))
        .tagNames) {
        expect(tag).toMatch(/^[a-z0-9_][a-z0-9_.-]{0,127}$/)
      }
    }
  })
})

describe('fitTag', () => {
  it('leaves a tag within the limit alone', () => {
    expect(fitTag('main', 'main', 10)).toBe('main')
  })

  it('drops a trailing dot or dash before the hash', () => {
    expect(fitTag('abc.-defghijklmnop', 'x', 14)).toMatch(/^abc-[0-9a-f]{8}$/)
  })
})
