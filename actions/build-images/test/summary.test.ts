import { describe, expect, it } from '@jest/globals'
import type { BuildResult } from '../src/build-images.js'
import { buildOutputs, renderSummary } from '../src/summary.js'

const DIGEST = `sha256:${'d'.repeat(64)}`

function result(overrides: Partial<BuildResult> = {}): BuildResult {
  return {
    dryRun: false,
    push: true,
    sign: true,
    planned: 1,
    images: [
      {
        name: 'ghcr.io/org/app',
        tags: ['ghcr.io/org/app:1.2.3', 'ghcr.io/org/app:latest'],
        digest: DIGEST,
        ref: `ghcr.io/org/app@${DIGEST}`,
        platforms: ['linux/amd64', 'linux/arm64'],
        signed: true,
      },
    ],
    version: '1.2.3',
    shortSha: '7f3a6ce',
    commands: [],
    warnings: [],
    ...overrides,
  }
}

describe('buildOutputs', () => {
  it('gives the images, every tag, the one digest, version and short SHA', () => {
    expect(buildOutputs(result())).toEqual({
      images: [
        {
          name: 'ghcr.io/org/app',
          tags: ['ghcr.io/org/app:1.2.3', 'ghcr.io/org/app:latest'],
          digest: DIGEST,
          ref: `ghcr.io/org/app@${DIGEST}`,
          platforms: ['linux/amd64', 'linux/arm64'],
          signed: true,
        },
      ],
      tags: 'ghcr.io/org/app:1.2.3\nghcr.io/org/app:latest',
      digest: DIGEST,
      version: '1.2.3',
      'short-sha': '7f3a6ce',
      'dry-run': false,
    })
  })

  it('leaves digest empty for several images, and version when there is none', () => {
    const [image] = result().images
    if (image === undefined) throw new Error('fixture')
    const outputs = buildOutputs(
      result({
        images: [image, { ...image, name: 'ghcr.io/org/worker' }],
        version: undefined,
        shortSha: undefined,
      }),
    )
    expect(outputs).toMatchObject({ digest: '', version: '', 'short-sha': '' })
  })

  it('gives the images pushed before a failure, and no digest when more were planned', () => {
    const outputs = buildOutputs(result({ planned: 2, failure: 'boom' }))
    expect(outputs.tags).toBe('ghcr.io/org/app:1.2.3\nghcr.io/org/app:latest')
    expect(outputs.images).toHaveLength(1)
    expect(outputs.digest).toBe('')
  })

  it('gives empty outputs when the trigger builds nothing', () => {
    const outputs = buildOutputs(
      result({
        planned: 0,
        images: [],
        version: undefined,
        shortSha: undefined,
        skipped: 'a release event with action "deleted"',
      }),
    )
    expect(outputs).toEqual({
      images: [],
      tags: '',
      digest: '',
      version: '',
      'short-sha': '',
      'dry-run': false,
    })
  })
})

describe('renderSummary', () => {
  it('shows one row per image and says the digest is signed', () => {
    expect(renderSummary(result())).toBe(
      [
        '## Build images: pushed 1 image',
        '',
        '| image | tags | digest | platforms |',
        '| --- | --- | --- | --- |',
        `| \`ghcr.io/org/app\` | \`1.2.3\`, \`latest\` | \`${DIGEST}\` | linux/amd64, linux/arm64 |`,
        '',
        'Each digest is signed with cosign (keyless), once.',
        '',
      ].join('\n'),
    )
  })

  it.each<[string, Partial<BuildResult>, string]>([
    [
      'a build without push',
      { push: false },
      '## Build images: built 1 image (not pushed)',
    ],
    [
      'a dry run',
      { dryRun: true },
      '## Build images (dry run): would build and push 1 image',
    ],
    [
      'a dry run without push',
      { dryRun: true, push: false },
      '## Build images (dry run): would build 1 image',
    ],
    [
      'a failure',
      { failure: 'boom | <b>' },
      '## Build images: failed\n\n> boom \\| &lt;b>',
    ],
    [
      'two images',
      { images: [...result().images, ...result().images] },
      'pushed 2 images',
    ],
    [
      'a trigger that builds nothing',
      { images: [], skipped: 'a release event with action "edited"' },
      '## Build images: nothing to build\n\n> a release event with action "edited"\n',
    ],
  ])('heads %s', (_, overrides, heading) => {
    expect(renderSummary(result(overrides))).toContain(heading)
  })

  it('shows what was pushed before a failure, and which digests are not signed', () => {
    const [image] = result().images
    if (image === undefined) throw new Error('fixture')
    const unsigned = { ...image, name: 'ghcr.io/org/worker', signed: false }
    const ref = `ghcr.io/org/worker@${DIGEST}`
    const text = renderSummary(
      result({
        planned: 3,
        images: [image, { ...unsigned, ref }],
        failure: 'cosign sign --yes failed (exit 1)',
      }),
    )
    expect(text).toContain(
      [
        '## Build images: failed',
        '',
        '> cosign sign --yes failed (exit 1)',
        '',
        'Pushed before the failure:',
        '',
        '| image | tags | digest | platforms |',
      ].join('\n'),
    )
    expect(text).toContain(`| \`ghcr.io/org/worker\` |`)
    expect(text).toContain(
      [
        '### Not signed',
        '',
        'Pushed, but not signed with cosign; sign each digest once the cause is fixed:',
        '',
        '```sh',
        `cosign sign --yes ${ref}`,
        '```',
      ].join('\n'),
    )
    expect(text).not.toContain(`cosign sign --yes ghcr.io/org/app@`)
  })

  it('lists warnings and the commands of a dry run', () => {
    const images = result().images.map((image) => ({
      ...image,
      digest: '',
      signed: false,
    }))
    const text = renderSummary(
      result({
        dryRun: true,
        images,
        warnings: ['the clone is shallow'],
        commands: ['docker buildx build .'],
      }),
    )
    expect(text).toContain('| — |')
    expect(text).toContain('### Warnings\n\n- the clone is shallow')
    expect(text).toContain(
      '### Commands a run would run\n\n```sh\ndocker buildx build .\n```',
    )
    expect(text).not.toContain('signed')
  })
})
