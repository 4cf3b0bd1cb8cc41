import { describe, expect, it } from '@jest/globals'
import type { LabelSource } from '../src/oci-labels.js'
import {
  annotationArgs,
  annotationLevel,
  ociLabels,
} from '../src/oci-labels.js'

const HEAD = 'bbbbbbb222' + '0'.repeat(30)
const CREATED = new Date('2026-03-01T12:00:00Z')

function source(overrides: Partial<LabelSource> = {}): LabelSource {
  return {
    image: 'ghcr.io/org/platform/api',
    version: '1.2.3',
    firstTag: '1.2.3',
    revision: HEAD,
    created: CREATED,
    sourceUrl: 'https://github.com/org/platform',
    description: 'The API',
    licenses: 'Apache-2.0',
    extra: {},
    ...overrides,
  }
}

describe('ociLabels', () => {
  it('names title, description, source, revision, version, created and licences', () => {
    expect(ociLabels(source())).toEqual({
      'org.opencontainers.image.title': 'api',
      'org.opencontainers.image.description': 'The API',
      'org.opencontainers.image.source': 'https://github.com/org/platform',
      'org.opencontainers.image.revision': HEAD,
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2026-03-01T12:00:00.000Z',
      'org.opencontainers.image.licenses': 'Apache-2.0',
    })
  })

  it.each<[string, Partial<LabelSource>, string, string | undefined]>([
    [
      'takes the first tag as version when there is no semver version',
      { version: undefined, firstTag: 'pr-42' },
      'org.opencontainers.image.version',
      'pr-42',
    ],
    [
      'leaves the description out when none is given',
      { description: undefined },
      'org.opencontainers.image.description',
      undefined,
    ],
    [
      'leaves the source out outside a repository',
      { sourceUrl: undefined },
      'org.opencontainers.image.source',
      undefined,
    ],
    [
      'leaves the licences out when none are given',
      { licenses: undefined },
      'org.opencontainers.image.licenses',
      undefined,
    ],
    [
      'takes the title from an image without a registry',
      { image: 'app' },
      'org.opencontainers.image.title',
      'app',
    ],
    [
      'lets a label of the user win over one made here',
      { extra: { 'org.opencontainers.image.title': 'API server' } },
      'org.opencontainers.image.title',
      'API server',
    ],
    [
      'keeps other labels of the user',
      { extra: { 'com.example.team': 'platform' } },
      'com.example.team',
      'platform',
    ],
  ])('%s', (_, overrides, key, value) => {
    expect(ociLabels(source(overrides))[key]).toBe(value)
  })
})

describe('annotationLevel', () => {
  it.each([
    // C29: several platforms or attestations make an index, which GHCR reads.
    [true, ['linux/amd64', 'linux/arm64'], false, 'index'],
    [true, ['linux/amd64'], true, 'index'],
    [true, ['linux/amd64'], false, 'manifest'],
    [false, ['linux/amd64', 'linux/arm64'], true, 'manifest'],
  ])(
    'push %s of %j with attestations %s annotates the %s',
    (push, platforms, attestations, level) => {
      expect(annotationLevel({ push, platforms, attestations })).toBe(level)
    },
  )
})

describe('annotationArgs', () => {
  it('annotates the OCI keys at the level given, and no others', () => {
    const labels = {
      'org.opencontainers.image.title': 'api',
      'org.opencontainers.image.description': 'a=b, c',
      'com.example.team': 'platform',
    }
    expect(annotationArgs(labels, 'index')).toEqual([
      '--annotation',
      'index:org.opencontainers.image.title=api',
      '--annotation',
      'index:org.opencontainers.image.description=a=b, c',
    ])
    expect(annotationArgs(labels, 'manifest')[1]).toBe(
      'manifest:org.opencontainers.image.title=api',
    )
  })
})
