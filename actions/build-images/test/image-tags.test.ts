import { describe, expect, it } from '@jest/globals'
import { imageTags, stableVersion } from '../src/image-tags.js'
import type { ImageTagsInput } from '../src/image-tags.js'
import { H, input } from './tag-input.js'

// imageTags for versions and releases, and what it refuses; the tags of
// branches and pull requests are in image-tags-refs.test.ts.

describe('imageTags for a version', () => {
  it.each<[string, Partial<ImageTagsInput>, string[]]>([
    // C24: the `v` is stripped the same way whatever the event.
    [
      'a push of 1.2.3',
      { ref: 'refs/tags/1.2.3' },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    [
      'a push of v1.2.3',
      { ref: 'refs/tags/v1.2.3' },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    [
      'a release of v1.2.3',
      { event: 'release', ref: 'refs/tags/v1.2.3', releaseTag: 'v1.2.3' },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    [
      'a release known only by its ref',
      { event: 'release', ref: 'refs/tags/v1.2.3' },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    [
      'a dispatch on v1.2.3',
      { event: 'workflow_dispatch', ref: 'refs/tags/v1.2.3' },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    [
      'v1.2.3 with the raw form asked for',
      { ref: 'refs/tags/v1.2.3', rawVersionTag: true },
      ['1.2.3', 'v1.2.3', '1.2', '1', 'latest'],
    ],
    [
      '1.2.3 with the raw form asked for, which is the same',
      { ref: 'refs/tags/1.2.3', rawVersionTag: true },
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    // C22: a pre-release gets its full version only.
    [
      'a pre-release v2.3.0-rc.12 after v2.2.3',
      { ref: 'refs/tags/v2.3.0-rc.12', existingVersions: ['v2.2.3'] },
      ['2.3.0-rc.12'],
    ],
    [
      'a pre-release with the raw form asked for',
      {
        ref: 'refs/tags/v2.3.0-rc.12',
        existingVersions: ['v2.2.3'],
        rawVersionTag: true,
      },
      ['2.3.0-rc.12', 'v2.3.0-rc.12'],
    ],
    // An older release moves neither latest nor the newer floating tags.
    [
      '1.4.3 when 1.5.0 exists',
      { ref: 'refs/tags/v1.4.3', existingVersions: ['v1.5.0', 'v1.4.2'] },
      ['1.4.3', '1.4'],
    ],
    [
      '1.4.3 when 2.0.0 exists',
      { ref: 'refs/tags/v1.4.3', existingVersions: ['v2.0.0', 'v1.4.2'] },
      ['1.4.3', '1.4', '1'],
    ],
    [
      '1.4.3 when 1.4.4 exists',
      { ref: 'refs/tags/v1.4.3', existingVersions: ['1.4.4'] },
      ['1.4.3'],
    ],
    [
      '1.4.3 when only higher pre-releases and foreign tags exist',
      {
        ref: 'refs/tags/v1.4.3',
        existingVersions: ['v1.5.0-rc.1', 'v2.0.0-beta.1', 'foo', 'app/v9.0.0'],
      },
      ['1.4.3', '1.4', '1', 'latest'],
    ],
    [
      '1.4.3 when it is itself among the existing',
      { ref: 'refs/tags/v1.4.3', existingVersions: ['v1.4.3', 'v1.4.2'] },
      ['1.4.3', '1.4', '1', 'latest'],
    ],
    [
      'a version with build metadata, whose + Docker refuses',
      { ref: 'refs/tags/v1.2.3+build.5' },
      ['1.2.3-build.5', '1.2', '1', 'latest'],
    ],
    // N4: Docker takes upper case, and semver orders RC and rc apart.
    [
      'a pre-release in upper case, case kept',
      { ref: 'refs/tags/v3.0.0-RC.2', rawVersionTag: true },
      ['3.0.0-RC.2', 'v3.0.0-RC.2'],
    ],
    [
      'build metadata with the raw form asked for, + as - in both',
      { ref: 'refs/tags/v1.2.3+build.5', rawVersionTag: true },
      ['1.2.3-build.5', 'v1.2.3-build.5', '1.2', '1', 'latest'],
    ],
    [
      'a tag that is no version, as a sanitised ref',
      { ref: 'refs/tags/Nightly/2024' },
      ['nightly-2024'],
    ],
    [
      'a tag with a doubled v, which is no version',
      { ref: 'refs/tags/vv1.0.0' },
      ['vv1.0.0'],
    ],
    // A GitHub pre-release, or a release whose neighbours are unknown.
    [
      'a release that may not move the floating tags',
      { ref: 'refs/tags/v2.1.0', floating: false },
      ['2.1.0'],
    ],
    [
      'a release that may not move them, with the raw form',
      { ref: 'refs/tags/v2.1.0', floating: false, rawVersionTag: true },
      ['2.1.0', 'v2.1.0'],
    ],
    [
      'a merge queue branch, as a branch',
      {
        event: 'merge_group',
        ref: `refs/heads/gh-readonly-queue/main/pr-42-${H}`,
      },
      [
        `gh-readonly-queue-main-pr-42-${H}-7f3a6ce`,
        `gh-readonly-queue-main-pr-42-${H}`,
      ],
    ],
  ])('gives %s the tags %j', (_name, overrides, expected) => {
    const result = imageTags(input(overrides))
    expect(result.tagNames).toEqual(expected)
    expect(result.tags).toEqual(expected.map((tag) => `ghcr.io/org/app:${tag}`))
    expect(result.latest).toBe(expected.includes('latest'))
  })

  it.each<[string, string]>([
    ['refs/tags/v1.2.3', '1.2.3'],
    ['refs/tags/1.2.3', '1.2.3'],
    ['refs/tags/v2.3.0-rc.12', '2.3.0-rc.12'],
    ['refs/tags/v3.0.0-RC.2', '3.0.0-RC.2'],
    ['refs/tags/v1.2.3+build.5', '1.2.3-build.5'],
    ['refs/tags/1.0.0-Beta+Exp.SHA.5114f85', '1.0.0-Beta-Exp.SHA.5114f85'],
  ])('gives %s the version %s, its first tag', (ref, version) => {
    const tags = imageTags(input({ ref }))
    expect(tags.version).toBe(version)
    // N4: the version output names an image that was pushed.
    expect(tags.tagNames[0]).toBe(version)
  })

  it.each(['refs/tags/Nightly', 'refs/heads/main'])(
    'gives %s no version',
    (ref) => {
      expect(imageTags(input({ ref })).version).toBeUndefined()
    },
  )

  it('refuses a version too long to be a tag rather than cut it', () => {
    const ref = `refs/tags/v1.0.0-${'a'.repeat(130)}`
    expect(() => imageTags(input({ ref }))).toThrow('at most 128 characters')
  })
})

describe('imageTags refuses', () => {
  it.each<[string, Partial<ImageTagsInput>, string]>([
    ['a short SHA of 3', { shortShaLength: 3 }, "input 'short-sha-length'"],
    ['a short SHA of 41', { shortShaLength: 41 }, 'from 4 to 40'],
    ['a short SHA of 7.5', { shortShaLength: 7.5 }, 'from 4 to 40'],
    ['an abbreviated commit', { sha: '7f3a6ce' }, 'GITHUB_SHA: got "7f3a6ce"'],
    [
      'a remote ref',
      { ref: 'refs/remotes/origin/main' },
      'GITHUB_REF: got "refs/remotes/origin/main"',
    ],
    [
      'a release with no tag',
      { event: 'release', ref: 'refs/heads/main' },
      'the release event payload\'s release.tag_name: got ""',
    ],
    [
      'a pull request payload without the pull request',
      { event: 'pull_request', ref: 'refs/pull/42/merge' },
      'the pull_request event payload (GITHUB_EVENT_PATH): got ""; expected pull_request.number and pull_request.head.sha',
    ],
    [
      'a pull request head that is no SHA',
      {
        event: 'pull_request',
        ref: 'refs/pull/42/merge',
        pullRequest: { number: 42, headSha: 'main' },
      },
      'the event payload\'s pull_request.head.sha: got "main"',
    ],
    [
      'a pull request ref with no number',
      {
        event: 'pull_request',
        ref: 'refs/pull/x',
        pullRequest: undefined,
        prShaSource: 'merge',
      },
      'refs/pull/<number>/merge',
    ],
    [
      'an image with a tag',
      { image: 'ghcr.io/org/app:1.0' },
      'takes no tag or digest',
    ],
  ])('%s', (_name, overrides, message) => {
    expect(() => imageTags(input(overrides))).toThrow(message)
  })
})

describe('stableVersion', () => {
  it.each<[string, Partial<ImageTagsInput>, string | undefined]>([
    ['a push of v1.2.3', { ref: 'refs/tags/v1.2.3' }, '1.2.3'],
    [
      'a release, by its payload',
      { event: 'release', ref: 'refs/tags/x', releaseTag: 'v2.0.0' },
      '2.0.0',
    ],
    ['a pre-release', { ref: 'refs/tags/v2.0.0-rc.1' }, undefined],
    ['a tag that is no version', { ref: 'refs/tags/nightly' }, undefined],
    ['a branch', { ref: 'refs/heads/v1.2.3' }, undefined],
  ])('of %s is %s', (_, overrides, version) => {
    expect(stableVersion(input(overrides))).toBe(version)
  })
})
