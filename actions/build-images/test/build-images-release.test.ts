import { describe, expect, it } from '@jest/globals'
import type { Call } from './core-harness.js'
import {
  SHA,
  runCore,
  settings,
  stubGit,
  tools,
  useTempDir,
} from './core-harness.js'
import type { BuildTrigger } from '../src/event-context.js'

// The build-images core on a release: which release events build, what a
// GitHub pre-release tags, and where `latest` and the floating tags are
// decided from when the clone lacks the other release tags.

useTempDir()

const V123 = ['1.2.3', '1.2', '1', 'latest']

function release(extra: Partial<BuildTrigger>): BuildTrigger {
  return {
    event: 'release',
    ref: 'refs/tags/v1.2.3',
    sha: SHA,
    releaseTag: 'v1.2.3',
    ...extra,
  }
}

/** A full clone holding an older release, so nothing is read remotely. */
const FULL = { 'tag --list': 'v1.0.0\nv1.2.3' }

describe('buildImages on a release event', () => {
  it.each<[string, Partial<BuildTrigger>, string[]]>([
    ['published', { releaseAction: 'published' }, V123],
    ['released', { releaseAction: 'released' }, V123],
    ['given without an action (a local payload)', {}, V123],
    // A GitHub pre-release moves neither latest nor 1 nor 1.2.
    [
      'published as a pre-release',
      { releaseAction: 'published', prerelease: true },
      ['1.2.3'],
    ],
    [
      'prereleased',
      { releaseAction: 'prereleased', prerelease: true },
      ['1.2.3'],
    ],
  ])('builds a release %s as %j', async (_, extra, tags) => {
    const docker = tools()
    const { result, logger } = await runCore(
      settings({ trigger: release(extra) }),
      docker.run,
      stubGit(FULL),
    )
    expect(result.images[0]?.tags).toEqual(
      tags.map((tag) => `ghcr.io/org/app:${tag}`),
    )
    expect(result.version).toBe('1.2.3')
    expect(result.warnings).toEqual([])
    if (extra.prerelease === true) {
      expect(logger.at('info')).toContain(
        '1.2.3 is a GitHub pre-release: tagged 1.2.3 only; `latest` and the floating tags stay where they are',
      )
    }
  })

  it.each(['created', 'edited', 'deleted', 'unpublished'])(
    'builds nothing for a release %s, and says so',
    async (action) => {
      const docker = tools()
      const { result, logger } = await runCore(
        settings({ trigger: release({ releaseAction: action }) }),
        docker.run,
      )
      expect(docker.calls).toEqual([])
      expect(result).toMatchObject({ images: [], planned: 0, warnings: [] })
      expect(result.version).toBeUndefined()
      expect(result.skipped).toBe(
        `a release event with action "${action}" (release v1.2.3) changes no image, so nothing is built; build-images builds a release when it is published, released, prereleased (\`on: release: types: [published]\`)`,
      )
      expect(logger.at('notice')).toEqual([result.skipped])
    },
  )
})

describe('buildImages deciding latest without the full history', () => {
  const tagged = { event: 'push', ref: 'refs/tags/v1.2.3', sha: SHA } as const

  /** A remote that answers ls-remote with these tags, or fails. */
  function remote(tags: string[] | null) {
    return tools((call: Call) => {
      if (call.command !== 'git') return undefined
      if (tags === null) {
        return { exitCode: 128, stderr: 'fatal: unable to access remote\n' }
      }
      const lines = tags.map((t) => `${'a'.repeat(40)}\trefs/tags/${t}`)
      return { stdout: `${lines.join('\n')}\n` }
    })
  }

  it.each<[string, Record<string, string | null>, string[] | null, string[]]>([
    ['the full history', FULL, null, V123],
    [
      'a shallow clone whose remote holds a higher release',
      { 'rev-parse --is-shallow-repository': 'true', remote: 'origin' },
      ['v1.0.0', 'v1.3.0', 'v1.2.3'],
      ['1.2.3', '1.2'],
    ],
    [
      'a clone without other tags whose remote holds none either',
      { 'tag --list': 'v1.2.3', remote: 'upstream' },
      ['v1.2.3'],
      V123,
    ],
    [
      'a repository without a remote, holding no other release',
      { 'tag --list': 'v1.2.3\nnot-a-version' },
      null,
      V123,
    ],
  ])('tags %s as %j', async (_, answers, remoteTags, expected) => {
    const docker = remote(remoteTags)
    const { result } = await runCore(
      settings({ trigger: tagged }),
      docker.run,
      stubGit(answers),
    )
    expect(result.images[0]?.tags).toEqual(
      expected.map((tag) => `ghcr.io/org/app:${tag}`),
    )
    expect(result.warnings).toEqual([])
    const asked = docker.calls.filter((c) => c.command === 'git')
    if (answers.remote === undefined) expect(asked).toEqual([])
    for (const call of asked) {
      expect(call.args).toEqual([
        'ls-remote',
        '--tags',
        '--refs',
        answers.remote,
      ])
      expect(call.options.env).toEqual({ GIT_TERMINAL_PROMPT: '0' })
    }
  })

  it.each<[string, Record<string, string | null>, string]>([
    [
      'a shallow clone whose remote cannot be read',
      { 'rev-parse --is-shallow-repository': 'true', remote: 'origin' },
      'the clone is shallow and git ls-remote --tags origin failed (fatal: unable to access remote)',
    ],
    [
      'a shallow clone without a remote',
      {
        'tag --list': 'v1.0.0\nv1.2.3',
        'rev-parse --is-shallow-repository': 'true',
      },
      'the clone is shallow and there is no remote to read the release tags from',
    ],
    [
      'no repository at all',
      { 'rev-parse --is-inside-work-tree': null },
      'the working directory is not a git repository',
    ],
  ])('moves no floating tag in %s, and warns', async (_, answers, why) => {
    const { result, logger } = await runCore(
      settings({ trigger: tagged }),
      remote(null).run,
      stubGit(answers),
    )
    expect(result.images[0]?.tags).toEqual(['ghcr.io/org/app:1.2.3'])
    expect(result.warnings).toEqual([expect.stringContaining(why)])
    expect(result.warnings[0]).toContain('fetch-depth: 0')
    expect(logger.at('warning')).toEqual(result.warnings)
  })

  it('neither reads the remote nor warns for a pre-release, which never moves latest', async () => {
    const docker = remote(null)
    const { result } = await runCore(
      settings({
        trigger: { event: 'push', ref: 'refs/tags/v2.0.0-rc.1', sha: SHA },
      }),
      docker.run,
      stubGit({ remote: 'origin' }),
    )
    expect(result.warnings).toEqual([])
    expect(docker.calls.filter((c) => c.command === 'git')).toEqual([])
  })
})
