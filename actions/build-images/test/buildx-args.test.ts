import { describe, expect, it } from '@jest/globals'
import type { BuildxInput } from '../src/buildx-args.js'
import { buildxArgs, cacheScope } from '../src/buildx-args.js'

function input(overrides: Partial<BuildxInput> = {}): BuildxInput {
  return {
    spec: {
      name: 'ghcr.io/org/api',
      context: 'services/api',
      dockerfile: 'services/api/Dockerfile',
      platforms: ['linux/amd64', 'linux/arm64'],
      buildArgs: {},
    },
    tags: ['ghcr.io/org/api:1.2.3', 'ghcr.io/org/api:latest'],
    labels: { 'org.opencontainers.image.title': 'api' },
    annotationLevel: 'index',
    push: true,
    cache: true,
    provenance: true,
    sbom: false,
    metadataFile: '/tmp/x/1-org-api.metadata.json',
    ...overrides,
  }
}

describe('buildxArgs', () => {
  it('writes the whole command line of a pushed multi-platform build', () => {
    expect(buildxArgs(input())).toEqual([
      'buildx',
      'build',
      '--file',
      'services/api/Dockerfile',
      '--platform',
      'linux/amd64,linux/arm64',
      '--tag',
      'ghcr.io/org/api:1.2.3',
      '--tag',
      'ghcr.io/org/api:latest',
      '--label',
      'org.opencontainers.image.title=api',
      '--annotation',
      'index:org.opencontainers.image.title=api',
      '--cache-from',
      'type=gha,scope=ghcr.io-org-api-91d1a45d',
      '--cache-to',
      'type=gha,mode=max,scope=ghcr.io-org-api-91d1a45d',
      '--provenance=mode=max',
      '--sbom=false',
      '--metadata-file',
      '/tmp/x/1-org-api.metadata.json',
      '--push',
      'services/api',
    ])
  })

  it('builds without pushing, caching or attestations when those are off', () => {
    const args = buildxArgs(
      input({ push: false, cache: false, provenance: false, sbom: true }),
    )
    expect(args).not.toContain('--push')
    expect(args.some((a) => a.startsWith('--cache'))).toBe(false)
    expect(args).toContain('--provenance=false')
    expect(args).toContain('--sbom=true')
  })

  it('passes build arguments and the target stage, the context last', () => {
    const base = input()
    const args = buildxArgs({
      ...base,
      spec: {
        ...base.spec,
        buildArgs: { NODE_VERSION: '24', GREETING: 'hello world' },
        target: 'runtime',
      },
    })
    expect(args.slice(-7)).toEqual([
      '--build-arg',
      'NODE_VERSION=24',
      '--build-arg',
      'GREETING=hello world',
      '--target',
      'runtime',
      'services/api',
    ])
  })
})

describe('cacheScope', () => {
  const BOTH = ['linux/amd64', 'linux/arm64']

  it.each([
    // C30: each image of a matrix has its own scope: registry, path, hash.
    ['ghcr.io/org/api', BOTH, 'ghcr.io-org-api-91d1a45d'],
    [
      'localhost:5000/team/some.app',
      BOTH,
      'localhost-5000-team-some.app-f2386406',
    ],
    // One image however it is written.
    ['app', BOTH, 'docker.io-library-app-00ff0276'],
    ['docker.io/library/app', BOTH, 'docker.io-library-app-00ff0276'],
    // Split per-platform builds of one image keep apart too.
    [
      'ghcr.io/org/api',
      ['linux/amd64'],
      'ghcr.io-org-api-linux-amd64-86db41b8',
    ],
    [
      'ghcr.io/org/api',
      ['linux/arm/v7'],
      'ghcr.io-org-api-linux-arm-v7-eaec5331',
    ],
  ])('of %s on %j is %s', (image, platforms, scope) => {
    expect(cacheScope(image, platforms)).toBe(scope)
  })

  it('never gives two images that read alike once / is - the same scope (N11)', () => {
    const images = [
      'ghcr.io/org/a-b',
      'ghcr.io/org-a/b',
      'docker.io/org/a-b',
      'ghcr.io/org/a/b',
      'ghcr.io/org/a--b',
      'ghcr.io/org/a_b',
      'ghcr.io/org.a/b',
    ]
    const scopes = images.flatMap((image) =>
      [BOTH, ['linux/amd64'], ['linux/arm64']].map((platforms) =>
        cacheScope(image, platforms),
      ),
    )
    expect(new Set(scopes).size).toBe(images.length * 3)
  })
})
