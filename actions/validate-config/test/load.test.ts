// Finding, parsing and sorting the files: syntax errors and duplicate keys
// at file:line:column, and what each file is taken for.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { classify, findFiles, parseFile } from '../src/load.js'

describe('parseFile', () => {
  it.each([
    [
      'a: 1\nb:\n  c: 2\n  c: 3\n',
      'yaml-duplicate-key',
      4,
      3,
      'Map keys must be unique',
    ],
    [
      'a: [1, 2\n',
      'yaml-syntax',
      2,
      1,
      'Flow sequence in block collection must be sufficiently indented and end with a ]',
    ],
    [
      'a: 1\n\tb: 2\n',
      'yaml-syntax',
      2,
      1,
      'Tabs are not allowed as indentation',
    ],
    ['ok: 1\n---\nx: "open\n', 'yaml-syntax', 4, 1, 'Missing closing "quote'],
  ])('reports %j as %s at %i:%i', (text, rule, line, column, message) => {
    const { file, problems } = parseFile('/nonexistent', 'f.yaml', text)
    expect(problems[0]).toEqual({ rule, file: 'f.yaml', line, column, message })
    expect(file.parsed).toBe(false)
    expect(file.docs).toEqual([])
  })

  it('reports an alias that expands too far', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 6; i += 1)
      bomb.push(
        `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(10)
          .fill(i === 1 ? '*a' : `*${'b'.repeat(i - 1)}`)
          .join(', ')}]`,
      )
    const { problems } = parseFile(
      '/nonexistent',
      'f.yaml',
      `${bomb.join('\n')}\n`,
    )
    expect(problems.map((p) => p.rule)).toEqual(['yaml-syntax'])
  })

  it('keeps every non-empty document of a stream', () => {
    const { file, problems } = parseFile(
      '/nonexistent',
      'f.yaml',
      '---\n# only a comment\n---\na: 1\n---\nb: 2\n',
    )
    expect(problems).toEqual([])
    expect(file.docs.map((d) => [d.index, d.value])).toEqual([
      [1, { a: 1 }],
      [2, { b: 2 }],
    ])
  })
})

describe('classify', () => {
  const root = mkdtempSync(join(tmpdir(), 'validate-config-load-'))
  mkdirSync(join(root, 'charts/app/templates'), { recursive: true })
  writeFileSync(
    join(root, 'charts/app/Chart.yaml'),
    'apiVersion: v2\nname: app\nversion: 1.0.0\n',
  )
  writeFileSync(join(root, 'charts/app/values.yaml'), 'replicas: 2\n')
  writeFileSync(
    join(root, 'charts/app/templates/deployment.yaml'),
    'kind: {{ .Values.kind }}\n',
  )
  mkdirSync(join(root, 'node_modules/x'), { recursive: true })
  writeFileSync(join(root, 'node_modules/x/a.yaml'), 'a: 1\n')
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it.each([
    ['.github/workflows/ci.yml', [], 'workflow'],
    ['examples/workflows/cd.yaml', [{ on: 'push', jobs: {} }], 'workflow'],
    ['actions/x/action.yml', [], 'action'],
    ['apps/kustomization.yaml', [], 'kustomization'],
    [
      'apps/patch.yaml',
      [{ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' }],
      'kustomization',
    ],
    ['charts/app/Chart.yaml', [], 'chart'],
    ['charts/app/values.yaml', [], 'helm-values'],
    ['apps/values.yaml', [], 'manifests'],
    ['apps/deploy.yaml', [{ kind: 'Deployment' }], 'manifests'],
  ])('takes %s for %s', (path, values, kind) => {
    expect(classify(root, path, values)).toBe(kind)
  })

  it('leaves out Helm templates and node_modules by default', () => {
    const globs = [
      '**/*.{yaml,yml}',
      '!**/charts/*/templates/**',
      '!**/node_modules/**',
    ]
    expect(findFiles(root, globs)).toEqual([
      'charts/app/Chart.yaml',
      'charts/app/values.yaml',
    ])
  })
})
