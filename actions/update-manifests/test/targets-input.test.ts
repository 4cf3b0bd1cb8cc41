import { describe, expect, it } from '@jest/globals'
import type { ImageRequest } from '../src/requests.js'
import { findImage } from '../src/requests.js'
import { parseTargets, resolveValue } from '../src/targets.js'
import { configError } from './config-error.js'

// The `targets` input read into explicit edits (CASES C34, C38), every
// refusal naming `targets` and the entry; and how a target finds its image.

const A = `sha256:${'a'.repeat(64)}`
const B = `sha256:${'b'.repeat(64)}`

const IMAGES: ImageRequest[] = [
  { repository: 'ghcr.io/example-org/mcp-s3-storage', tag: '1.4.1' },
  { repository: 'nginx', tag: '1.27.0', digest: A },
  { repository: 'ghcr.io/org/signed', digest: B },
]

describe('parseTargets', () => {
  it('reads no targets when the input is empty', () => {
    expect(parseTargets(undefined, IMAGES)).toEqual([])
  })

  it.each([
    [
      'a path with a literal value',
      `
- file: envs/staging/values.yaml
  path: images.app.tag
  value: v2.0.0
`,
      {
        kind: 'path',
        file: 'envs/staging/values.yaml',
        path: ['images', 'app', 'tag'],
        value: { literal: 'v2.0.0' },
      },
    ],
    [
      'a path with brackets and one document picked',
      `
- file: app.yaml
  path: 'spec.containers[1]["image.tag"]'
  document: 2
  value: '1.10'
`,
      {
        kind: 'path',
        file: 'app.yaml',
        path: ['spec', 'containers', 1, 'image.tag'],
        document: 2,
        value: { literal: '1.10' },
      },
    ],
    [
      'a list element by match, taking the image tag (C38)',
      `
- file: argocd/staging/mcp-servers.yaml
  match: { name: mcp-s3-storage }
  field: imageTag
  image: ghcr.io/example-org/mcp-s3-storage
`,
      {
        kind: 'list-element',
        file: 'argocd/staging/mcp-servers.yaml',
        match: { name: 'mcp-s3-storage' },
        field: 'imageTag',
        value: { image: 'ghcr.io/example-org/mcp-s3-storage', use: 'tag' },
      },
    ],
    [
      'a list element under other generators, by two keys',
      `
- file: appset.yaml
  generators: spec.generators[0].matrix.generators
  match: { env: staging, port: 3000 }
  field: imageTag
  value: 1.4.1
`,
      {
        kind: 'list-element',
        file: 'appset.yaml',
        generatorPath: ['spec', 'generators', 0, 'matrix', 'generators'],
        match: { env: 'staging', port: '3000' },
        field: 'imageTag',
        value: { literal: '1.4.1' },
      },
    ],
    [
      'an image named another way, used as its digest',
      `
- file: values.yaml
  path: proxy.digest
  image: docker.io/library/nginx
  use: digest
`,
      {
        kind: 'path',
        file: 'values.yaml',
        path: ['proxy', 'digest'],
        value: { image: 'nginx', use: 'digest' },
      },
    ],
    [
      'an image used as a whole reference',
      `
- file: values.yaml
  path: proxy.image
  image: nginx
  use: reference
`,
      {
        kind: 'path',
        file: 'values.yaml',
        path: ['proxy', 'image'],
        value: { image: 'nginx', use: 'reference' },
      },
    ],
  ])('reads %s', (_, text, expected) => {
    expect(parseTargets(text, IMAGES)).toEqual([expected])
  })

  // C34's kind of fault: an unquoted `value: 1.10` in the input must not
  // reach the file as 1.1, nor `0362525` as 362525.
  it.each([
    ['1.10', '1.10'],
    ['2.0', '2.0'],
    ['0362525', '0362525'],
    ['1e3', '1e3'],
  ])('keeps an unquoted value %s as written', (written, expected) => {
    const [target] = parseTargets(
      `- file: a.yaml\n  path: image.tag\n  value: ${written}\n`,
      IMAGES,
    )
    expect(target?.value).toEqual({ literal: expected })
  })

  it.each([
    ['a YAML syntax error', '- file: [a.yaml', /a YAML list/],
    ['a map, not a list', 'file: a.yaml\npath: a\nvalue: b', /a YAML list/],
    ['an entry that is a string', '- a.yaml', /entry 1: a YAML list/],
    ['an entry without file', '- path: a\n  value: b', /entry 1: a `file`/],
    [
      'an entry with neither value nor image',
      '- file: a.yaml\n  path: a',
      /entry 1: either `value` or `image`/,
    ],
    [
      'an entry with both value and image',
      '- file: a.yaml\n  path: a\n  value: b\n  image: nginx',
      /either `value` or `image`/,
    ],
    [
      'a value that is a map',
      '- file: a.yaml\n  path: a\n  value: { b: c }',
      /`value` as a string/,
    ],
    [
      'an image that is not a string',
      '- file: a.yaml\n  path: a\n  image: [nginx]',
      /`image` as an image name/,
    ],
    [
      'an image not among the images',
      '- file: a.yaml\n  path: a\n  image: ghcr.io/org/other',
      /"ghcr.io\/org\/other" to be one of the `images` input/,
    ],
    [
      'nginx-exporter for nginx',
      '- file: a.yaml\n  path: a\n  image: nginx-exporter',
      /to be one of the `images` input/,
    ],
    [
      'an unknown use',
      '- file: a.yaml\n  path: a\n  image: nginx\n  use: sha',
      /`use` as tag, digest or reference/,
    ],
    [
      'a tag the image has not',
      '- file: a.yaml\n  path: a\n  image: ghcr.io/org/signed',
      /a tag for ghcr.io\/org\/signed/,
    ],
    [
      'a digest the image has not',
      '- file: a.yaml\n  path: a\n  image: ghcr.io/example-org/mcp-s3-storage\n  use: digest',
      /a digest for/,
    ],
    [
      'neither path nor match',
      '- file: a.yaml\n  value: b',
      /a `path`, or `match` and `field`/,
    ],
    [
      'a path that is a list',
      '- file: a.yaml\n  path: [spec, replicas]\n  value: b',
      /`path` as a string/,
    ],
    [
      'a malformed path',
      "- file: a.yaml\n  path: 'a[0'\n  value: b",
      /path "a\[0" is not valid/,
    ],
    [
      'a negative document',
      '- file: a.yaml\n  path: a\n  document: -1\n  value: b',
      /`document` as a 0-based index/,
    ],
    [
      'a document by name',
      '- file: a.yaml\n  path: a\n  document: one\n  value: b',
      /`document` as a 0-based index/,
    ],
    [
      'a match that is a list',
      '- file: a.yaml\n  match: [a]\n  field: f\n  value: b',
      /`match` as a map/,
    ],
    [
      'an empty match',
      '- file: a.yaml\n  match: {}\n  field: f\n  value: b',
      /`match` with at least one key/,
    ],
    [
      'a match without field',
      '- file: a.yaml\n  match: { env: staging }\n  value: b',
      /a `field` to set/,
    ],
    [
      'a malformed generators path',
      "- file: a.yaml\n  generators: '.spec'\n  match: { a: b }\n  field: f\n  value: b",
      /is not valid at character 1/,
    ],
    [
      'a bad second entry, by number',
      '- file: a.yaml\n  path: a\n  value: b\n- file: b.yaml',
      /entry 2: /,
    ],
  ])('refuses %s as a ConfigError on `targets`', (_, text, message) => {
    const error = configError(() => parseTargets(text, IMAGES))
    expect(error.input).toBe('targets')
    expect(error.message).toMatch(message)
  })

  it('quotes the bad entry in the message', () => {
    const error = configError(() =>
      parseTargets('- file: a.yaml\n  path: x\n  image: redis', IMAGES),
    )
    expect(error.value).toBe('{"file":"a.yaml","path":"x","image":"redis"}')
  })
})

describe('findImage', () => {
  it.each([
    ['the name as given', 'nginx', 'nginx'],
    ['the normalised Docker Hub name', 'docker.io/library/nginx', 'nginx'],
    ['index.docker.io', 'index.docker.io/library/nginx', 'nginx'],
    ['a longer name sharing the prefix', 'nginx-exporter', undefined],
    ['another registry', 'ghcr.io/nginx', undefined],
    ['a name that is no reference', 'Not An Image', undefined],
  ])('finds by %s', (_, name, repository) => {
    expect(findImage(IMAGES, name)?.repository).toBe(repository)
  })
})

describe('resolveValue', () => {
  it.each([
    [{ literal: '1.4.1' }, '1.4.1'],
    [{ image: 'nginx', use: 'tag' as const }, '1.27.0'],
    [{ image: 'nginx', use: 'digest' as const }, A],
    [{ image: 'nginx', use: 'reference' as const }, `nginx:1.27.0@${A}`],
    [
      { image: 'ghcr.io/org/signed', use: 'reference' as const },
      `ghcr.io/org/signed@${B}`,
    ],
  ])('resolves %j to %s', (value, expected) => {
    expect(resolveValue(value, IMAGES)).toBe(expected)
  })
})
