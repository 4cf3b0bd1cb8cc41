import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import type { ImagesFixture } from '../../actions/build-images/test/run-bundle.js'
import {
  expectSuccess,
  imagesOutput,
  requireBundle,
  startFixture,
} from '../../actions/build-images/test/run-bundle.js'

// The build-images bundle on each event it meets: release actions and
// pre-releases, pull_request_target and merge_group, a pull request without
// its payload; and a back-port built from a --depth 1 clone, as
// actions/checkout makes it, against a bare origin holding newer releases.

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

const IMAGE = 'ghcr.io/org/app'

/** Outputs of a run that built nothing. */
const NOTHING = {
  images: '[]',
  tags: '',
  digest: '',
  version: '',
  'short-sha': '',
  'dry-run': 'false',
}

describe('the build-images bundle on a release event', () => {
  // Payloads shaped after GitHub's release webhook (action, release.tag_name,
  // release.prerelease); v1.0.0 is the older release in the clone.
  it.each<[string, object, string[]]>([
    [
      'published',
      { action: 'published', release: { tag_name: 'v2.1.0' } },
      ['2.1.0', '2.1', '2', 'latest'],
    ],
    [
      'published as a GitHub pre-release',
      {
        action: 'published',
        release: { tag_name: 'v2.1.0', prerelease: true },
      },
      ['2.1.0'],
    ],
    [
      'prereleased',
      { action: 'prereleased', release: { tag_name: 'v2.1.0' } },
      ['2.1.0'],
    ],
  ])('tags a release %s as %j', async (_, payload, tags) => {
    fx = startFixture()
    fx.repo.tag('v1.0.0')
    const sha = fx.repo.commit('feat: more')
    fx.repo.tag('v2.1.0')
    const run = await fx.run(
      { image: IMAGE },
      { event: 'release', ref: 'refs/tags/v2.1.0', sha, payload },
    )
    expectSuccess(run)
    expect(imagesOutput(run)[0]?.tags).toEqual(
      tags.map((tag) => `${IMAGE}:${tag}`),
    )
    expect(run.outputs.version).toBe('2.1.0')
  })

  it.each(['created', 'edited', 'deleted', 'unpublished'])(
    'builds nothing for a release %s: a notice, success, empty outputs',
    async (action) => {
      fx = startFixture()
      const run = await fx.run(
        { image: IMAGE, 'registry-password': 'pw-release' },
        {
          event: 'release',
          ref: 'refs/tags/v2.3.0',
          payload: { action, release: { tag_name: 'v2.3.0' } },
        },
      )
      expectSuccess(run)
      expect(fx.fakes.calls()).toEqual([])
      expect(run.outputs).toEqual(NOTHING)
      expect(run.stdout).toContain(
        `::notice title=Nothing to build::a release event with action "${action}" (release v2.3.0) changes no image, so nothing is built`,
      )
      expect(run.summary).toContain('## Build images: nothing to build')
    },
  )
})

describe('the build-images bundle on other events', () => {
  it('refuses pull_request_target, saying why and naming no input', async () => {
    fx = startFixture()
    const run = await fx.run(
      { image: IMAGE },
      { event: 'pull_request_target', ref: 'refs/heads/main' },
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Configuration error: GITHUB_EVENT_NAME: got "pull_request_target"; expected pull_request for pull requests',
    )
    expect(run.stdout).not.toContain("input '")
    expect(fx.fakes.calls()).toEqual([])
  })

  it('builds a merge group as its queue branch', async () => {
    fx = startFixture()
    const ref = `refs/heads/gh-readonly-queue/main/pr-42-${fx.head}`
    const run = await fx.run(
      { image: IMAGE, push: 'false' },
      { event: 'merge_group', ref, payload: { merge_group: {} } },
    )
    expectSuccess(run)
    expect(run.outputs.tags).toBe(
      [
        `${IMAGE}:gh-readonly-queue-main-pr-42-${fx.head}-${fx.head.slice(0, 7)}`,
        `${IMAGE}:gh-readonly-queue-main-pr-42-${fx.head}`,
      ].join('\n'),
    )
  })

  it('says a pull request event lacks its payload, not that an input does', async () => {
    fx = startFixture()
    const run = await fx.run(
      { image: IMAGE, push: 'false' },
      { event: 'pull_request', ref: 'refs/pull/42/merge', payload: {} },
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Configuration error: the pull_request event payload (GITHUB_EVENT_PATH): got ""; expected pull_request.number and pull_request.head.sha',
    )
    expect(fx.fakes.calls()).toEqual([])
  })
})

describe('the build-images bundle on a back-port from a shallow clone', () => {
  /** origin: v1.0.0 and v2.0.0 on main, v1.1.6 on release/1.x. */
  function shallowBackPort(): { dir: string; sha: string } {
    fx = startFixture()
    fx.repo.tag('v1.0.0')
    fx.repo.commit('feat!: two')
    fx.repo.tag('v2.0.0')
    fx.repo.run(['checkout', '--quiet', '-b', 'release/1.x', 'v1.0.0'])
    const sha = fx.repo.commit('fix: back-port')
    fx.repo.tag('v1.1.6')
    fx.repo.push()
    const dir = path.join(fx.repo.dir, 'shallow')
    fx.repo.run(
      [
        'clone',
        '--quiet',
        '--depth',
        '1',
        '--branch',
        'v1.1.6',
        `file://${fx.repo.originDir}`,
        dir,
      ],
      { cwd: fx.repo.dir },
    )
    return { dir, sha }
  }

  it('reads the release tags from origin, leaving latest on 2.0.0', async () => {
    const { dir, sha } = shallowBackPort()
    const run = await fx.run(
      { image: IMAGE, 'dry-run': 'true' },
      { ref: 'refs/tags/v1.1.6', sha },
      { GITHUB_WORKSPACE: dir },
    )
    expectSuccess(run)
    expect(run.outputs.tags).toBe(
      ['1.1.6', '1.1', '1'].map((tag) => `${IMAGE}:${tag}`).join('\n'),
    )
    expect(run.stdout).toContain(
      'the clone is shallow, so the release tags were read from origin (git ls-remote --tags): 2 other releases',
    )
  })

  it('moves no floating tag when origin cannot be read, and warns', async () => {
    const { dir, sha } = shallowBackPort()
    fx.repo.run(['remote', 'remove', 'origin'], { cwd: dir })
    const run = await fx.run(
      { image: IMAGE, 'dry-run': 'true' },
      { ref: 'refs/tags/v1.1.6', sha },
      { GITHUB_WORKSPACE: dir },
    )
    expectSuccess(run)
    expect(run.outputs.tags).toBe(`${IMAGE}:1.1.6`)
    expect(run.stdout).toMatch(
      /::warning title=Release history missing::the clone is shallow and there is no remote .*`latest` and the floating tags stay where they are .*`fetch-depth: 0`/,
    )
    expect(run.summary).toContain('### Warnings')
  })
})
