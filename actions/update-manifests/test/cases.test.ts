import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import type { EditPlan } from '../src/file-edits.js'
import { EditFailure, planEdits } from '../src/file-edits.js'
import { parseImages } from '../src/requests.js'
import { parseTargets } from '../src/targets.js'
import { C31, C33, D1, D2, D3, lines } from '../../../test/support/cases-e.js'

// CASES.md section E through the stage's planning, as a user would ask for
// it: the `images` and `targets` inputs as text, the file on disk. Inputs
// and expected texts are those of the cases (C31, C33-C36, C38).

const root = mkdtempSync(join(tmpdir(), 'cortex-cases-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Plans the inputs on one file holding `text`; returns its new text. */
function plan(text: string, images: string, targets?: string): EditPlan {
  writeFileSync(join(root, 'case.yaml'), text)
  const requests = images === '' ? [] : parseImages(images)
  return planEdits(root, {
    files: ['case.yaml'],
    images: requests,
    targets: parseTargets(targets, requests),
    options: {},
  })
}

function after(text: string, images: string, targets?: string): string {
  return plan(text, images, targets).edits[0]?.after ?? text
}

// C35, from kustomize#221, #4713, #3682 and #1357; nginx-exporter added.
const C35 = (a: string, b: string, c: string, d: string, e: string) =>
  lines(
    'spec:',
    '  containers:',
    `    - image: ${a}`,
    `    - image: ${b}`,
    `    - image: ${c}`,
    `    - image: ${d}`,
    `    - image: ${e}`,
  )

// C36, from yaml-update-action#532 and yq#945.
const C36 = (tag: string) =>
  lines(
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    `          image: ghcr.io/org/api:${tag}`,
    '---',
    '# Source: chart/templates/cm.yaml',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata: {name: api}',
  )

// C38, from argocd-image-updater#1580.
const C38 = (staging: string, second = '- env: prod') =>
  lines(
    'spec:',
    '  goTemplate: true',
    '  generators:',
    '    - list:',
    '        elements:',
    '          - env: staging   # canary first',
    `            imageTag: "${staging}"`,
    `          ${second}`,
    '            imageTag: "1.3.2"',
    '  template:',
    '    metadata:',
    "      name: 'api-{{ .env }}'",
  )

describe('the cases of manifest rewriting, through the stage', () => {
  it('sets both Helm tags of an image, keeping comments, anchor and merge key (C31)', () => {
    const changed = after(C31, 'myapp:v2.0.0')
    expect(changed).toBe(
      C31.replace('tag: v1.0.0  #', 'tag: v2.0.0  #').replace(
        '    tag: v1.0.0\n',
        '    tag: v2.0.0\n',
      ),
    )
  })

  it('changes one kustomize line, keeping the blank line and comment gap (C33)', () => {
    expect(after(C33, 'ghcr.io/org/app:1.2.3')).toBe(
      C33.replace('newTag: 1.2.2   #', 'newTag: 1.2.3   #'),
    )
  })

  it.each([
    ['1.10', '"1.10"'],
    ['2.0', '"2.0"'],
    ['0362525', '"0362525"'],
    ['0e1234', '"0e1234"'],
    ['87940363', '"87940363"'],
    ['true', '"true"'],
    ['v1.10', 'v1.10'],
  ])(
    'writes a target value %s unquoted in the input as %s (C34)',
    (value, written) => {
      const target = `- file: case.yaml\n  path: image.tag\n  value: ${value}\n`
      expect(after('image:\n  tag: "1.9"\n', '', target)).toBe(
        `image:\n  tag: ${written}\n`,
      )
    },
  )

  it('sets port, digest and untagged references by whole repository (C35)', () => {
    const text = C35(
      'localhost:5000/team/operator:1.0.0',
      `nginx:latest@${D1}`,
      `busybox@${D2}`,
      'redis',
      'nginx-exporter:0.1.0',
    )
    const images = [
      'localhost:5000/team/operator:1.1.0',
      'nginx:1.27.0',
      `busybox@${D3}`,
      'redis:7.2',
    ].join('\n')
    expect(after(text, images)).toBe(
      C35(
        'localhost:5000/team/operator:1.1.0',
        'nginx:1.27.0',
        `busybox@${D3}`,
        'redis:7.2',
        'nginx-exporter:0.1.0',
      ),
    )
  })

  it('keeps every document, the leading --- and flow maps of a stream (C36)', () => {
    expect(after(C36('1.0.0'), 'ghcr.io/org/api:1.0.1')).toBe(C36('1.0.1'))
  })

  const staging = lines(
    '- file: case.yaml',
    '  match: { env: staging }',
    '  field: imageTag',
    '  value: 1.4.1',
  )

  it('changes the one list element that the match picks (C38)', () => {
    expect(after(C38('1.4.0'), '', staging)).toBe(C38('1.4.1'))
  })

  it('refuses a match that picks two elements, not "the first" (C38)', () => {
    const twice = C38('1.4.0', '- env: staging')
    expect(() => plan(twice, '', staging)).toThrow(EditFailure)
    expect(() => plan(twice, '', staging)).toThrow(
      /2 list elements match \{"env":"staging"\}/,
    )
  })
})
