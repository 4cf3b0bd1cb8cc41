import { describe, expect, it } from '@jest/globals'
import { parseDocument } from 'yaml'
import {
  isPlainSafe,
  resolveScalar,
  setImage,
  setListElementField,
  setScalar,
} from './index.js'
import type { YamlPath } from './index.js'
import { seededRandom } from '../../test/support/random.js'
import { C31, C33, D1, D2, D3, lines } from '../../test/support/cases-e.js'

// Fixtures are the inputs of /work/shared/cases/CASES.md section E.

const C31_AFTER = C31.replace(
  'tag: v1.0.0  # Current version',
  'tag: v2.0.0  # Current version',
).replace('    tag: v1.0.0\n', '    tag: v2.0.0\n')

// C36, from yaml-update-action#532 and yq#945.
const C36 = lines(
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: api}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          image: ghcr.io/org/api:1.0.0',
  '---',
  '# Source: chart/templates/cm.yaml',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: api}',
)

// C38, from argoproj/applicationset#512.
const C38 = lines(
  'spec:',
  '  goTemplate: true',
  '  generators:',
  '    - list:',
  '        elements:',
  '          - env: staging   # canary first',
  '            imageTag: "1.4.0"',
  '          - env: prod',
  '            imageTag: "1.3.2"',
  '  template:',
  '    metadata:',
  "      name: 'api-{{ .env }}'",
)

describe('setScalar', () => {
  it('changes only the two tags of Helm values, keeping anchors (C31)', () => {
    const once = setScalar(C31, ['images', 'app', 'tag'], 'v2.0.0')
    const twice = setScalar(once.text, ['images', 'sidecar', 'tag'], 'v2.0.0')
    expect(twice).toMatchObject({ text: C31_AFTER, changed: true })
  })

  it.each([
    ['1.10', '"1.10"'],
    ['2.0', '"2.0"'],
    ['0362525', '"0362525"'],
    ['0e1234', '"0e1234"'],
    ['87940363', '"87940363"'],
    ['true', '"true"'],
    // Plain is safe, and the value does not start like a number.
    ['v1.10', 'v1.10'],
    // "1.9" needed its quotes; 1.4.1 does not (chosen quotes stay: C38).
    ['1.4.1', '1.4.1'],
  ])('writes tag %s into a quoted tag as %s (C34)', (value, written) => {
    const result = setScalar('image:\n  tag: "1.9"\n', ['image', 'tag'], value)
    expect(result.text).toBe(`image:\n  tag: ${written}\n`)
  })

  it.each([
    ['1.10', '"1.10"'],
    ['0755', '"0755"'],
    ['1e3', '"1e3"'],
    ['yes', '"yes"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['2024-01-01', '"2024-01-01"'],
    ['1:20', '"1:20"'],
    ['a: b', '"a: b"'],
    ['x #y', '"x #y"'],
    ['', '""'],
    ['v1.10', 'v1.10'],
    ['1.2.3', '1.2.3'],
    ['sha-0a1b2c3', 'sha-0a1b2c3'],
  ])('writes %s into a plain tag as %s (C34)', (value, written) => {
    const result = setScalar('tag: v1 # c\n', ['tag'], value)
    expect(result.text).toBe(`tag: ${written} # c\n`)
  })

  it.each<[string, YamlPath, string, string]>([
    ["tag: 'a'\n", ['tag'], "it's: x", "tag: 'it''s: x'\n"],
    ["tag: 'a'\n", ['tag'], "it's", "tag: 'it''s'\n"],
    [
      "image: 'ghcr.io/o/q:1.0'\n",
      ['image'],
      'ghcr.io/o/q:2.0',
      "image: 'ghcr.io/o/q:2.0'\n",
    ],
    [
      '{image: "ghcr.io/o/q:1.0"}\n',
      ['image'],
      'ghcr.io/o/q:2.0',
      '{image: "ghcr.io/o/q:2.0"}\n',
    ],
    ["tag: '1.9'\n", ['tag'], 'v2', 'tag: v2\n'],
    ["tag: 'a'\n", ['tag'], '1.0', "tag: '1.0'\n"],
    ['tag: "a"\n', ['tag'], 'say: "hi"', 'tag: "say: \\"hi\\""\n'],
    ['tag:   # none yet\n', ['tag'], '1.0', 'tag: "1.0"   # none yet\n'],
    ['list: [a, b]\n', ['list', 1], 'c,d', 'list: [a, "c,d"]\n'],
    ['t: !!str &x 1.0\n', ['t'], '2.0', 't: !!str &x "2.0"\n'],
  ])('in %j at %j writes %j as %j', (text, path, value, expected) => {
    expect(setScalar(text, path, value).text).toBe(expected)
  })

  it('edits the one document of a stream that has the path (C36)', () => {
    const path = ['spec', 'template', 'spec', 'containers', 0, 'image']
    const result = setScalar(C36, path, 'ghcr.io/org/api:1.0.1')
    expect(result.text).toBe(C36.replace('api:1.0.0', 'api:1.0.1'))
  })

  it('changes nothing when the value is already there (C72b)', () => {
    const result = setScalar(C31_AFTER, ['images', 'app', 'tag'], 'v2.0.0')
    expect(result).toMatchObject({ text: C31_AFTER, changed: false })
    const quoted = setScalar('a: "1.10"\n', ['a'], '1.10')
    expect(quoted).toMatchObject({ text: 'a: "1.10"\n', changed: false })
  })

  it('quotes a plain value that YAML read as a number, even if equal', () => {
    expect(setScalar('a: 1.10\n', ['a'], '1.10').text).toBe('a: "1.10"\n')
  })

  it.each<[string, string, YamlPath, RegExp]>([
    [
      'a missing key',
      C31,
      ['images', 'app', 'digest'],
      /path images\.app\.digest not found/,
    ],
    ['a mapping', C31, ['images', 'app'], /path images\.app is not a scalar/],
    [
      'an index into a mapping',
      C31,
      ['global', 0],
      /path global\[0\]: not a sequence/,
    ],
    ['a file that does not parse', 'a: [1\n', ['a'], /invalid YAML/],
    ['an alias', 'a: &x 1\nb: *x\n', ['b'], /path b is alias \*x/],
    ['a block scalar', 'a: |\n  text\n', ['a'], /block scalar/],
    [
      'a path in two documents',
      'a: 1\n---\na: 2\n',
      ['a'],
      /path a is in documents 0, 1; pass docIndex/,
    ],
    [
      'a path in no document',
      'a: 1\n---\nb: 2\n',
      ['c'],
      /path c not found in any of the 2 documents/,
    ],
  ])('refuses %s', (_, text, path, message) => {
    expect(() => setScalar(text, path, 'v')).toThrow(message)
  })

  it('picks a document by index', () => {
    const result = setScalar('a: 1\n---\na: 2\n', ['a'], 'x', { docIndex: 1 })
    expect(result.text).toBe('a: 1\n---\na: x\n')
    expect(() => setScalar('a: 1\n', ['a'], 'x', { docIndex: 3 })).toThrow(
      /document 3 does not exist/,
    )
  })
})

describe('setImage', () => {
  it('updates Helm repository/tag maps, merged ones too (C31)', () => {
    const result = setImage(C31, { repository: 'myapp', tag: 'v2.0.0' })
    expect(result).toMatchObject({ text: C31_AFTER, changed: true, count: 2 })
    expect(result.changes).toEqual([
      { path: 'images.app.tag', line: 8, old: 'v1.0.0', new: 'v2.0.0' },
      { path: 'images.sidecar.tag', line: 12, old: 'v1.0.0', new: 'v2.0.0' },
    ])
  })

  it('records added keys with the lines they land on', () => {
    const text = lines(
      'a:',
      '  image:',
      '    repository: ghcr.io/org/app',
      '    digest: ""',
      'b:',
      '  image:',
      '    repository: ghcr.io/org/app',
      '    digest: ""',
    )
    const result = setImage(text, { repository: 'ghcr.io/org/app', tag: '2' })
    expect(result.changes).toEqual([
      { path: 'a.image.tag', line: 5, old: null, new: '2' },
      { path: 'b.image.tag', line: 10, old: null, new: '2' },
    ])
    expect(result.text.split('\n')[9]).toBe('    tag: "2"')
  })

  it('reports a plain old value as written, not as the number it reads as', () => {
    const result = setScalar('newTag: 0644\ntag: 1.0\n', ['newTag'], '0700')
    expect(result.changes).toEqual([
      { path: 'newTag', line: 1, old: '0644', new: '0700' },
    ])
    expect(setScalar('tag: 1.0\n', ['tag'], '2').changes[0]?.old).toBe('1.0')
  })

  it('names containers by index in the change record', () => {
    const result = setImage(C36, {
      repository: 'ghcr.io/org/api',
      tag: '1.0.1',
    })
    expect(result.changes).toEqual([
      {
        path: 'spec.template.spec.containers[0].image',
        line: 10,
        old: 'ghcr.io/org/api:1.0.0',
        new: 'ghcr.io/org/api:1.0.1',
      },
    ])
  })

  it('changes exactly one line of a kustomization (C33)', () => {
    const result = setImage(C33, {
      repository: 'ghcr.io/org/app',
      tag: '1.2.3',
    })
    expect(result.text).toBe(
      C33.replace('newTag: 1.2.2   #', 'newTag: 1.2.3   #'),
    )
    expect(result.count).toBe(1)
  })

  it('keeps every document, marker and flow map of a stream (C36)', () => {
    const result = setImage(C36, {
      repository: 'ghcr.io/org/api',
      tag: '1.0.1',
    })
    expect(result.text).toBe(C36.replace('api:1.0.0', 'api:1.0.1'))
  })

  const C35 = (image: string): string =>
    lines('containers:', '  - name: c', `    image: ${image}`)
  it.each([
    [
      'localhost:5000/team/operator:1.0.0',
      'localhost:5000/team/operator',
      { tag: '1.1.0' },
      'localhost:5000/team/operator:1.1.0',
    ],
    [`nginx:latest@${D1}`, 'nginx', { tag: '1.27.0' }, 'nginx:1.27.0'],
    [`busybox@${D2}`, 'busybox', { digest: D3 }, `busybox@${D3}`],
    ['redis', 'redis', { tag: '7.2' }, 'redis:7.2'],
    [
      'docker.io/library/nginx:1',
      'nginx',
      { tag: '2' },
      'docker.io/library/nginx:2',
    ],
    ['nginx:1', 'docker.io/library/nginx', { tag: '2' }, 'nginx:2'],
  ])('sets %s for %s (C35)', (image, repository, version, expected) => {
    const result = setImage(C35(image), { repository, ...version })
    expect(result).toMatchObject({
      text: C35(expected),
      changed: true,
      count: 1,
    })
  })

  it.each([
    ['nginx-exporter:1.0', 'nginx'],
    ['ghcr.io/org/nginx:1.0', 'nginx'],
    ['quay.io/nginx:1.0', 'nginx'],
    ['{{ .Values.image }}', 'nginx'],
  ])('leaves %s alone when setting %s (C35)', (image, repository) => {
    const result = setImage(C35(image), { repository, tag: '2' })
    expect(result).toMatchObject({ text: C35(image), changed: false, count: 0 })
  })

  it('clears a stale Helm digest beside a new tag (C35 b)', () => {
    const text = lines(
      'image:',
      '  registry: ghcr.io',
      '  repository: org/app',
      '  tag: "1.0"',
      `  digest: ${D1}`,
    )
    const result = setImage(text, { repository: 'ghcr.io/org/app', tag: '1.1' })
    expect(result.text).toBe(text.replace('"1.0"', '"1.1"').replace(D1, '""'))
    expect(
      setImage(result.text, { repository: 'ghcr.io/org/app', tag: '1.1' }),
    ).toMatchObject({ text: result.text, changed: false, count: 1 })
  })

  it("adds a digest key where there is none, at the entry's column", () => {
    const result = setImage(C33, {
      repository: 'ghcr.io/org/app',
      tag: '1.2.3',
      digest: D3,
    })
    expect(result.text).toBe(
      C33.replace('1.2.2', '1.2.3') + `    digest: ${D3}\n`,
    )
    const again = setImage(result.text, {
      repository: 'ghcr.io/org/app',
      tag: '1.2.3',
      digest: D3,
    })
    expect(again.changed).toBe(false)
  })

  it('adds a tag key after a nested block, not inside the next line', () => {
    const text = lines(
      'image:',
      '  repository: ghcr.io/org/app',
      '  digest: ""',
      '  extra:',
      '    a: 1',
      'other: 2',
    )
    const result = setImage(text, { repository: 'ghcr.io/org/app', tag: '2' })
    expect(result.text).toBe(
      text.replace('    a: 1\n', '    a: 1\n  tag: "2"\n'),
    )
  })

  it('adds newTag to a kustomize images entry that has only a name', () => {
    const text = lines(
      'kind: Kustomization',
      'images:',
      '  - name: ghcr.io/org/app',
      '  - name: ghcr.io/org/other',
    )
    const result = setImage(text, { repository: 'ghcr.io/org/app', tag: '1.0' })
    expect(result.text).toBe(text.replace('app\n', 'app\n    newTag: "1.0"\n'))
  })

  it('ends an added line with CRLF in a CRLF file', () => {
    const text = C33.replaceAll('\n', '\r\n')
    const result = setImage(text, {
      repository: 'ghcr.io/org/app',
      tag: '1.2.3',
      digest: D3,
    })
    expect(result.text).toBe(
      text.replace('1.2.2', '1.2.3') + `    digest: ${D3}\r\n`,
    )
    expect(result.changes.map((c) => c.line)).toEqual([8, 9])
  })

  it('refuses to add a key to a flow mapping', () => {
    const text = 'image: {repository: ghcr.io/org/app, tag: "1"}\n'
    expect(() =>
      setImage(text, { repository: 'ghcr.io/org/app', digest: D3 }),
    ).toThrow(/no digest key to set, and one cannot be added/)
  })

  it('refuses an image alias unless edits through aliases are allowed', () => {
    const text = lines(
      'x-image: &img ghcr.io/org/app:1.0',
      'spec:',
      '  image: *img',
    )
    const update = { repository: 'ghcr.io/org/app', tag: '1.1' }
    expect(() => setImage(text, update)).toThrow(
      /alias \*img of "ghcr.io\/org\/app:1.0"; edit the anchor, or allow/,
    )
    const result = setImage(text, update, { throughAliases: true })
    expect(result.text).toBe(text.replace('app:1.0', 'app:1.1'))
  })

  it('follows an alias on a path only when asked', () => {
    const text = 'a: &x {t: "1"}\nb: *x\n'
    expect(() => setScalar(text, ['b', 't'], '2')).toThrow(/alias \*x/)
    expect(
      setScalar(text, ['b', 't'], '2', { throughAliases: true }).text,
    ).toBe('a: &x {t: "2"}\nb: *x\n')
  })

  it('refuses a name with a tag, and a bad tag', () => {
    expect(() => setImage(C33, { repository: 'a:1', tag: '2' })).toThrow(
      /without tag or digest/,
    )
    expect(() => setImage(C33, { repository: 'a', tag: '-x' })).toThrow(/tag/)
  })
})

describe('setListElementField', () => {
  const update = {
    match: { env: 'staging' },
    field: 'imageTag',
    value: '1.4.1',
  }

  it('changes one list-generator element only (C38)', () => {
    const result = setListElementField(C38, update)
    expect(result).toMatchObject({
      text: C38.replace('"1.4.0"', '"1.4.1"'),
      changed: true,
    })
    expect(setListElementField(result.text, update).changed).toBe(false)
  })

  it('refuses a match that picks two elements (C38)', () => {
    const twice = C38.replace('env: prod', 'env: staging')
    expect(() => setListElementField(twice, update)).toThrow(
      /2 list elements match \{"env":"staging"\} \(spec\.generators\[0\]\.list\.elements\[0\], spec\.generators\[0\]\.list\.elements\[1\]\)/,
    )
  })

  it.each([
    [
      { ...update, match: { env: 'dev' } },
      /no list element under spec\.generators matches/,
    ],
    [{ ...update, field: 'chart' }, /elements\[0\]\.chart not found/],
    [
      { ...update, generatorPath: ['generators'] },
      /no generators sequence at generators/,
    ],
  ])('refuses %j', (bad, message) => {
    expect(() => setListElementField(C38, bad)).toThrow(message)
  })
})

const SCALARS = ['a', '1.0', "'q'", '"d"', 'yes', '~', 'x y', '0755', '"1.9"']
const VALUES = ['v2', '1.10', 'true', "it's", 'a: b', '', 'null', '0x1F']

function randomDoc(next: () => number, depth: number, indent: string): string {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]
  const out: string[] = []
  const size = 1 + Math.floor(next() * 3)
  const asSeq = next() < 0.3
  for (let i = 0; i < size; i++) {
    const lead = asSeq ? `${indent}- ` : `${indent}k${i}: `
    if (next() < 0.2) out.push('')
    if (next() < 0.2) out.push(`${indent}# note ${i}`)
    if (depth > 0 && next() < 0.4) {
      out.push(asSeq ? `${indent}-` : `${indent}k${i}:`)
      out.push(randomDoc(next, depth - 1, `${indent}  `))
    } else {
      const comment = next() < 0.3 ? '   # c' : ''
      out.push(`${lead}${pick(SCALARS)}${comment}`)
    }
  }
  return out.join('\n')
}

function scalarPaths(text: string): YamlPath[] {
  const paths: YamlPath[] = []
  const walk = (value: unknown, path: YamlPath): void => {
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        walk(v, [...path, Array.isArray(value) ? Number(k) : k])
      }
    } else paths.push(path)
  }
  walk(parseDocument(text).toJS(), [])
  return paths
}

describe('the property', () => {
  it('an edit changes no byte outside the target scalar', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed)
      const text = `${randomDoc(next, 2, '')}\n`
      const paths = scalarPaths(text)
      const path = paths[Math.floor(next() * paths.length)]
      const value = VALUES[Math.floor(next() * VALUES.length)]
      const doc = parseDocument(text)
      const [start, end] = resolveScalar(doc, path).range!
      const out = setScalar(text, path, value).text
      const after = out.length - (text.length - end)
      expect({ seed, head: out.slice(0, start) }).toEqual({
        seed,
        head: text.slice(0, start),
      })
      expect({ seed, tail: out.slice(after) }).toEqual({
        seed,
        tail: text.slice(end),
      })
      const edited = parseDocument(out)
      expect({ seed, value: resolveScalar(edited, path).value }).toEqual({
        seed,
        value,
      })
    }
  })
})

describe('isPlainSafe', () => {
  it.each(['1.2.3', 'v1.10', 'sha-abc', 'main'])('allows %s plain', (v) => {
    expect(isPlainSafe(v)).toBe(true)
  })
})
