import { describe, expect, it } from '@jest/globals'
import type { ImageRequest } from '../src/requests.js'
import { parseImages } from '../src/requests.js'
import { configError } from './config-error.js'

// The `images` input read into requests (CASES C27, C35): references one a
// line, or build-images' JSON output, and every refusal naming `images`.

const A = `sha256:${'a'.repeat(64)}`
const B = `sha256:${'b'.repeat(64)}`

describe('parseImages', () => {
  it.each<[string, string, string | undefined, ImageRequest[]]>([
    [
      'a tag',
      'ghcr.io/org/api:1.4.1',
      undefined,
      [{ repository: 'ghcr.io/org/api', tag: '1.4.1' }],
    ],
    [
      'a digest',
      `ghcr.io/org/api@${A}`,
      undefined,
      [{ repository: 'ghcr.io/org/api', digest: A }],
    ],
    [
      'a tag and a digest (C35 e)',
      `org/repo:tag@${A}`,
      undefined,
      [{ repository: 'org/repo', tag: 'tag', digest: A }],
    ],
    [
      'a registry port, not a tag (C35 a)',
      'localhost:5000/team/operator:1.1.0',
      undefined,
      [{ repository: 'localhost:5000/team/operator', tag: '1.1.0' }],
    ],
    [
      'a name alone taking the tag input (C27)',
      'localhost:5000/team/operator',
      'main-0a1b2c3',
      [{ repository: 'localhost:5000/team/operator', tag: 'main-0a1b2c3' }],
    ],
    [
      'its own tag over the tag input',
      'ghcr.io/org/api:1.4.1',
      'main-0a1b2c3',
      [{ repository: 'ghcr.io/org/api', tag: '1.4.1' }],
    ],
    [
      'its own digest, without the tag input',
      `ghcr.io/org/api@${A}`,
      'main-0a1b2c3',
      [{ repository: 'ghcr.io/org/api', digest: A }],
    ],
    [
      'lines, skipping blanks and comments',
      '\n# built by ci\nnginx:1.27.0\n\n  redis:7.2  \n',
      undefined,
      [
        { repository: 'nginx', tag: '1.27.0' },
        { repository: 'redis', tag: '7.2' },
      ],
    ],
    [
      'nginx and nginx-exporter as two images',
      'nginx:1\nnginx-exporter:2',
      undefined,
      [
        { repository: 'nginx', tag: '1' },
        { repository: 'nginx-exporter', tag: '2' },
      ],
    ],
  ])('reads %s', (_, text, tag, expected) => {
    expect(parseImages(text, tag)).toEqual(expected)
  })

  it.each<[string, string, string | undefined, ImageRequest[]]>([
    [
      'the first tag, from a full reference',
      JSON.stringify([
        {
          name: 'ghcr.io/org/api',
          tags: ['ghcr.io/org/api:1.4.1', 'ghcr.io/org/api:latest'],
          digest: A,
        },
      ]),
      undefined,
      [{ repository: 'ghcr.io/org/api', tag: '1.4.1', digest: A }],
    ],
    [
      'the tag input over the listed tags',
      JSON.stringify([
        { name: 'ghcr.io/org/api', tags: ['ghcr.io/org/api:1.4.1'], digest: A },
      ]),
      'main-0a1b2c3',
      [{ repository: 'ghcr.io/org/api', tag: 'main-0a1b2c3', digest: A }],
    ],
    [
      'no digest when build-images did not push',
      JSON.stringify([
        {
          name: 'ghcr.io/org/api',
          tags: ['ghcr.io/org/api:1.4.1'],
          digest: '',
        },
      ]),
      undefined,
      [{ repository: 'ghcr.io/org/api', tag: '1.4.1' }],
    ],
    [
      'a digest alone',
      JSON.stringify([{ name: 'ghcr.io/org/api', tags: [], digest: A }]),
      undefined,
      [{ repository: 'ghcr.io/org/api', digest: A }],
    ],
    [
      'a registry port in the name and the tags',
      JSON.stringify([
        {
          name: 'localhost:5000/team/op',
          tags: ['localhost:5000/team/op:1.1.0'],
          digest: B,
        },
      ]),
      undefined,
      [{ repository: 'localhost:5000/team/op', tag: '1.1.0', digest: B }],
    ],
    [
      'several images, each with its own version',
      JSON.stringify([
        { name: 'ghcr.io/org/api', tags: ['ghcr.io/org/api:2.0.0'], digest: A },
        {
          name: 'ghcr.io/org/worker',
          tags: ['ghcr.io/org/worker:2.0.0'],
          digest: B,
        },
      ]),
      undefined,
      [
        { repository: 'ghcr.io/org/api', tag: '2.0.0', digest: A },
        { repository: 'ghcr.io/org/worker', tag: '2.0.0', digest: B },
      ],
    ],
  ])("reads build-images' JSON output: %s", (_, text, tag, expected) => {
    expect(parseImages(text, tag)).toEqual(expected)
  })

  it.each<[string, string, string | undefined, RegExp]>([
    ['nothing', '  \n# only a comment\n', undefined, /one reference a line/],
    [
      'a name without tag, digest or tag input',
      'ghcr.io/org/api',
      undefined,
      /a tag or digest for every image/,
    ],
    [
      'an invalid reference',
      'ghcr.io//api:1.0',
      undefined,
      /one reference a line.*\(/,
    ],

    [
      'one image twice',
      'ghcr.io/org/api:1\nghcr.io/org/api:2',
      undefined,
      /each image once/,
    ],
    [
      'nginx twice, once normalised (C35)',
      'nginx:1\ndocker.io/library/nginx:2',
      undefined,
      /each image once/,
    ],
    [
      'JSON that does not parse',
      '[{"name": ',
      undefined,
      /the JSON does not parse/,
    ],
    ['JSON that is no list', '[1][', undefined, /the JSON does not parse/],
    [
      'a JSON entry without a name',
      '[{"tags": ["a:1"]}]',
      undefined,
      /entries with a `name`/,
    ],
    [
      'a JSON entry without tag or digest',
      '[{"name": "ghcr.io/org/api", "tags": [], "digest": ""}]',
      undefined,
      /a tag or digest/,
    ],
    [
      'one image twice in JSON',
      JSON.stringify([
        { name: 'ghcr.io/org/api', tags: ['ghcr.io/org/api:1'] },
        { name: 'ghcr.io/org/api', tags: ['ghcr.io/org/api:2'] },
      ]),
      undefined,
      /each image once/,
    ],
  ])('refuses %s as a ConfigError on `images`', (_, text, tag, message) => {
    const error = configError(() => parseImages(text, tag))
    expect(error.input).toBe('images')
    expect(error.message).toMatch(message)
  })
})

describe('parseImages, names and the tag input', () => {
  it('lower-cases the name and keeps the tag as written', () => {
    expect(parseImages('GHCR.io/Example-Org/API:V1.0-RC')).toEqual([
      { repository: 'ghcr.io/example-org/api', tag: 'V1.0-RC' },
    ])
  })

  it('reads an empty JSON list (build-images built nothing) as no images', () => {
    expect(parseImages('[]')).toEqual([])
    expect(parseImages(' [ ] ')).toEqual([])
  })

  it('blames the tag input for a bad tag, not images', () => {
    const error = configError(() => parseImages('ghcr.io/org/api', 'bad tag'))
    expect(error.input).toBe('tag')
    expect(error.message).toMatch(/at most 128 characters/)
  })
})
