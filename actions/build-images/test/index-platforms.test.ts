import { describe, expect, it } from '@jest/globals'
import { indexPlatforms, isAttestation } from '../src/index-platforms.js'

// Shaped after `docker buildx imagetools inspect --raw` of an image pushed
// with default provenance, as quoted in docker/build-push-action#820 and
// #900: one attestation manifest per platform, platform unknown/unknown.
const INDEX = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: [
    { digest: 'sha256:a1', platform: { architecture: 'amd64', os: 'linux' } },
    {
      digest: 'sha256:a2',
      platform: { architecture: 'arm64', os: 'linux', variant: 'v8' },
    },
    {
      digest: 'sha256:a3',
      annotations: {
        'vnd.docker.reference.digest': 'sha256:a1',
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
    {
      digest: 'sha256:a4',
      annotations: {
        'vnd.docker.reference.digest': 'sha256:a2',
        'vnd.docker.reference.type': 'attestation-manifest',
      },
      platform: { architecture: 'unknown', os: 'unknown' },
    },
  ],
})

describe('indexPlatforms', () => {
  it('lists the images of an index and never its attestations (C29)', () => {
    expect(indexPlatforms(INDEX)).toEqual(['linux/amd64', 'linux/arm64/v8'])
  })

  it.each([
    ['one manifest, which is no index', '{"schemaVersion":2,"layers":[]}'],
    ['JSON that is not an object', '"text"'],
    ['null', 'null'],
  ])('gives undefined for %s', (_, raw) => {
    expect(indexPlatforms(raw)).toBeUndefined()
  })

  it('skips entries without a platform, and repeats', () => {
    const raw = JSON.stringify({
      manifests: [
        { platform: { os: 'linux', architecture: 'amd64' } },
        { platform: { os: 'linux', architecture: 'amd64' } },
        {},
        null,
      ],
    })
    expect(indexPlatforms(raw)).toEqual(['linux/amd64'])
  })

  it('throws on text that is not JSON', () => {
    expect(() => indexPlatforms('ERROR: not found')).toThrow(SyntaxError)
  })
})

describe('isAttestation', () => {
  it.each([
    [
      { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      true,
    ],
    [{ platform: { os: 'unknown', architecture: 'unknown' } }, true],
    [{ platform: { os: 'linux', architecture: 'amd64' } }, false],
    [{ annotations: { 'vnd.docker.reference.type': 'other' } }, false],
  ])('of %j is %s', (entry, expected) => {
    expect(isAttestation(entry)).toBe(expected)
  })
})
