import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { ImagesFixture } from '../../actions/build-images/test/run-bundle.js'
import {
  expectSuccess,
  imagesOutput,
  optionValues,
  requireBundle,
  startFixture,
} from '../../actions/build-images/test/run-bundle.js'

// `node dist/build-images/index.js` as the runner starts it, on a temp git
// repository with the fake docker and cosign on PATH: the tags, labels,
// platforms and signatures of CASES.md C22–C30 (cache scopes and the
// `images` list in build-images-list.test.ts).

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

const IMAGE = 'ghcr.io/org/app'

/** The arguments of every `docker buildx build`, in order. */
function builds(): string[][] {
  return fx.fakes.callsOf('docker', 'buildx', 'build').map((c) => c.args)
}

function label(args: readonly string[], key: string): string | undefined {
  const found = optionValues(args, '--label').find((l) =>
    l.startsWith(`${key}=`),
  )
  return found?.slice(key.length + 1)
}

describe('the build-images bundle on a tag', () => {
  it.each([
    // C24: the `v` goes whatever the event; C22: an rc counts for nothing.
    ['a push of v1.2.3', 'push', 'v1.2.3', ['1.2.3', '1.2', '1', 'latest']],
    ['a push of 1.2.3', 'push', '1.2.3', ['1.2.3', '1.2', '1', 'latest']],
    [
      'a release of v1.2.3',
      'release',
      'v1.2.3',
      ['1.2.3', '1.2', '1', 'latest'],
    ],
    // An older release moves neither latest nor 1 (1.2.0 is out).
    ['a back-port v1.1.1', 'push', 'v1.1.1', ['1.1.1', '1.1']],
    // C22: a pre-release gets its version only.
    ['a pre-release v2.3.0-rc.12', 'push', 'v2.3.0-rc.12', ['2.3.0-rc.12']],
    // N4: the version output is the tag pushed, case and `+` included.
    ['a pre-release v3.0.0-RC.2', 'push', 'v3.0.0-RC.2', ['3.0.0-RC.2']],
    [
      'build metadata v1.3.0+build.5',
      'push',
      'v1.3.0+build.5',
      ['1.3.0-build.5', '1.3', '1', 'latest'],
    ],
  ])(
    'tags %s from the release tags in git',
    async (_, event, tag, expected) => {
      fx = startFixture()
      fx.repo.tag('v1.1.0')
      fx.repo.tag('v1.2.0')
      fx.repo.tag('v1.3.0-rc.1')
      fx.repo.tag('v2.3.0-rc.11')
      const sha = fx.repo.commit('feat: more')
      fx.repo.tag(tag)
      const run = await fx.run(
        { image: IMAGE },
        {
          event,
          ref: `refs/tags/${tag}`,
          sha,
          payload: event === 'release' ? { release: { tag_name: tag } } : {},
        },
      )
      expectSuccess(run)
      expect(imagesOutput(run)[0]?.tags).toEqual(
        expected.map((t) => `${IMAGE}:${t}`),
      )
      const [version] = expected
      expect(run.outputs.version).toBe(version)
      const [args = []] = builds()
      expect(label(args, 'org.opencontainers.image.version')).toBe(version)
      expect(label(args, 'org.opencontainers.image.revision')).toBe(sha)
      expect(label(args, 'org.opencontainers.image.source')).toBe(
        'https://github.com/org/app',
      )
      expect(run.stdout).not.toContain('Release history missing')
    },
  )

  it('adds the raw tag when asked, asking the remote about a clone without other tags', async () => {
    fx = startFixture()
    fx.repo.tag('v1.2.3')
    const run = await fx.run(
      { image: IMAGE, 'raw-version-tag': 'true' },
      { ref: 'refs/tags/v1.2.3' },
    )
    expectSuccess(run)
    expect(imagesOutput(run)[0]?.tags).toEqual(
      ['1.2.3', 'v1.2.3', '1.2', '1', 'latest'].map((t) => `${IMAGE}:${t}`),
    )
    expect(run.stdout).toContain(
      'the clone holds no other release tag, so the release tags were read from origin (git ls-remote --tags): 0 other releases',
    )
    expect(run.summary).not.toContain('### Warnings')
  })
})

describe('the build-images bundle on a branch or pull request', () => {
  it('lower-cases the image and branch, and hands on the short SHA it tagged (C25, C27)', async () => {
    fx = startFixture()
    const run = await fx.run(
      { image: 'GHCR.io/Org/App', 'short-sha-length': '8' },
      { ref: 'refs/heads/feature/JIRA-12#fix' },
    )
    expectSuccess(run)
    const short = fx.head.slice(0, 8)
    expect(run.outputs['short-sha']).toBe(short)
    expect(run.outputs.tags).toBe(
      [
        `${IMAGE}:feature-jira-12-fix-${short}`,
        `${IMAGE}:feature-jira-12-fix`,
      ].join('\n'),
    )
    expect(run.outputs.version).toBe('')
    const [args = []] = builds()
    expect(label(args, 'org.opencontainers.image.version')).toBe(
      `feature-jira-12-fix-${short}`,
    )
  })

  it('tags a pull request by number and its head, not the merge commit (C26)', async () => {
    fx = startFixture()
    const head = fx.repo.commit('fix: in the PR')
    const merge = 'a'.repeat(40)
    const run = await fx.run(
      { image: IMAGE, push: 'false' },
      {
        event: 'pull_request',
        ref: 'refs/pull/42/merge',
        sha: merge,
        payload: { pull_request: { number: 42, head: { sha: head } } },
      },
    )
    expectSuccess(run)
    expect(run.outputs.tags).toBe(
      [`${IMAGE}:pr-42`, `${IMAGE}:sha-${head.slice(0, 7)}`].join('\n'),
    )
    const [args = []] = builds()
    expect(label(args, 'org.opencontainers.image.revision')).toBe(head)
    expect(args.join(' ')).not.toContain(merge)
  })

  it('takes the merge commit when pr-sha-source says so', async () => {
    fx = startFixture()
    const merge = 'a'.repeat(40)
    const run = await fx.run(
      { image: IMAGE, push: 'false', 'pr-sha-source': 'merge' },
      {
        event: 'pull_request',
        ref: 'refs/pull/42/merge',
        sha: merge,
        payload: { pull_request: { number: 42, head: { sha: fx.head } } },
      },
    )
    expectSuccess(run)
    expect(run.outputs['short-sha']).toBe('aaaaaaa')
  })
})

describe('the build-images bundle pushing', () => {
  it('lists the platforms of a multi-platform push without its attestations (C29)', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        image: IMAGE,
        platforms: 'linux/amd64,linux/arm64',
        description: 'The app',
        licenses: 'MIT',
      },
      { ref: 'refs/heads/main' },
    )
    expectSuccess(run)
    const [image] = imagesOutput(run)
    expect(image?.platforms).toEqual(['linux/amd64', 'linux/arm64'])
    expect(run.outputs.digest).toBe(image?.digest)
    expect(image?.ref).toBe(`${IMAGE}@${image?.digest}`)
    expect(run.summary).toContain('| linux/amd64, linux/arm64 |')
    expect(run.summary).not.toContain('unknown')
    const [args = []] = builds()
    expect(optionValues(args, '--annotation')).toEqual(
      expect.arrayContaining([
        'index:org.opencontainers.image.description=The app',
        'index:org.opencontainers.image.licenses=MIT',
        'index:org.opencontainers.image.title=app',
      ]),
    )
    expect(args).toContain('--provenance=mode=max')
    // The index the fake pushed holds an attestation per platform.
    const inspect = fx.fakes.callsOf('docker', 'buildx', 'imagetools')
    expect(inspect.map((c) => c.args[3])).toEqual([image?.ref])
  })

  it('signs the pushed digest once, never a tag (C28)', async () => {
    fx = startFixture()
    fx.repo.tag('v1.2.3')
    const run = await fx.run(
      { image: IMAGE, sign: 'true' },
      { ref: 'refs/tags/v1.2.3' },
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' },
    )
    expectSuccess(run)
    const signs = fx.fakes.callsOf('cosign')
    expect(signs.map((c) => c.args)).toEqual([
      ['sign', '--yes', `${IMAGE}@${run.outputs.digest}`],
    ])
    expect(run.stdout).toContain('tlog entry created with index:')
    expect(run.summary).toContain('signed with cosign (keyless), once')
  })

  it('refuses to sign without the id-token permission, before running anything', async () => {
    fx = startFixture()
    const run = await fx.run(
      { image: IMAGE, sign: 'true' },
      { ref: 'refs/heads/main' },
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('`permissions: id-token: write`')
    expect(fx.fakes.calls()).toEqual([])
  })
})
