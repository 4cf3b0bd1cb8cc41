import { describe, expect, it } from '@jest/globals'
import type { BuildResult } from '../src/build-images.js'
import { buildOutputs, renderSummary } from '../src/summary.js'

const DIGEST = `sha256:${'d'.repeat(64)}`

function result(overrides: Partial<BuildResult> = {}): BuildResult {
  return {
    dryRun: false,
    push: true,
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
  ])('heads %s', (_, overrides, heading) => {
    expect(renderSummary(result(overrides))).toContain(heading)
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
