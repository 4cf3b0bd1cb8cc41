import { describe, expect, it } from '@jest/globals'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { validateConfig } from '../../actions/validate-config/src/validate.js'
import { stageInputProblems } from './action-inputs.js'
import { actionlint } from './actionlint.js'

// Every workflow of this repository (the reusable pipelines and our own
// CI), every caller in examples/workflows and every action.yml: linted by
// actionlint, parsed by GitHub's workflow parser and held to the security
// rules of DESIGN.md through validate-config, and each stage step's inputs
// checked against its action.yml.

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const list = (dir: string): string[] =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)
const workflows = [...list('.github/workflows'), ...list('examples/workflows')]

const pins = {
  trusted: ['actions/*', 'github/*'],
  repository: 'example-org/cortex-actions',
}
const pods = { resources: [], startupProbe: false }

function check(dir: string, files: string[]): string[] {
  return validateConfig({ root: dir, files, pins, pods }).findings.map(
    (f) => `${f.file}:${f.line}: ${f.rule}: ${f.message}`,
  )
}

// A workflow a pull request could smuggle in: the title runs as shell.
const SEEDED = [
  'name: seeded',
  'on: pull_request',
  'permissions: {}',
  'jobs:',
  '  greet:',
  '    runs-on: ubuntu-latest',
  '    permissions: {}',
  '    steps:',
  '      - run: echo "${{ github.event.pull_request.title }}"',
  '',
].join('\n')

function inTempDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-workflows-'))
  try {
    fn(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('the workflows and actions of this repository', () => {
  it('has the five pipelines and its own CI', () => {
    expect(list('.github/workflows')).toEqual(
      expect.arrayContaining(
        [
          'pr',
          'ci',
          'security-scan',
          'release',
          'cd',
          'test',
          'check-dist',
          'self-test',
          'release-cortex-actions',
        ].map((name) => `.github/workflows/${name}.yaml`),
      ),
    )
  })

  it('passes validate-config: GitHub parser, callers, injection, permissions, pins, concurrency', () => {
    expect(
      check(root, [
        '.github/workflows/*.yaml',
        'examples/workflows/*.yaml',
        'actions/*/action.yml',
      ]),
    ).toEqual([])
  })

  it('passes actionlint, every workflow', () => {
    const files = workflows.map((path) => ({
      path,
      data: readFileSync(join(root, path), 'utf8'),
    }))
    expect(actionlint(files, root)).toEqual([])
  }, 120_000)

  it.each(workflows)(
    '%s gives every stage step inputs its action.yml knows',
    (file) => {
      expect(stageInputProblems(root, file)).toEqual([])
    },
  )
})

describe('a seeded injection', () => {
  it('fails validate-config at its line', () => {
    inTempDir((dir) => {
      cpSync(join(root, '.github'), join(dir, '.github'), { recursive: true })
      writeFileSync(join(dir, '.github/workflows/seeded.yaml'), SEEDED)
      expect(check(dir, ['.github/workflows/*.yaml'])).toEqual([
        expect.stringMatching(
          /^\.github\/workflows\/seeded\.yaml:9: workflow-injection: .*github\.event\.pull_request\.title/,
        ),
      ])
    })
  })

  it('fails actionlint', () => {
    expect(actionlint([{ path: 'seeded.yaml', data: SEEDED }], root)).toEqual([
      expect.objectContaining({ line: 9, kind: 'expression' }),
    ])
  }, 120_000)

  it('fails the stage-input check for an unknown input', () => {
    inTempDir((dir) => {
      mkdirSync(join(dir, 'actions/notify'), { recursive: true })
      cpSync(
        join(root, 'actions/notify/action.yml'),
        join(dir, 'actions/notify/action.yml'),
      )
      writeFileSync(
        join(dir, 'w.yaml'),
        [
          'jobs:',
          '  n:',
          '    steps:',
          '      - uses: example-org/cortex-actions/actions/notify@v1',
          '        with: { webhook: x }',
        ].join('\n'),
      )
      expect(stageInputProblems(dir, 'w.yaml').map((p) => p.message)).toEqual([
        'notify has no input webhook',
        'notify needs input webhook-url',
        'notify needs input status',
      ])
    })
  })
})
