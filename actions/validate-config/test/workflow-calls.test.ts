// GitHub's own parser on workflows and action.yml files, and callers of
// reusable workflows against what those declare.
import { describe, expect, it } from '@jest/globals'
import { callFindings, localPath, typeProblem } from '../src/workflow-calls.js'
import { parserFindings } from '../src/workflow-parse.js'
import { docFrom, fileFrom } from './docs.js'

const WF = '.github/workflows/w.yaml'

/** A workflow of one job with these steps, indented as written. */
function workflow(
  steps: string,
  head = 'on: pull_request\n',
  job = '',
): string {
  return `${head}jobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: {contents: read}\n${job}    steps:\n${steps}`
}

function found(list: { line: number; message: string }[]): [number, string][] {
  return list.map((f) => [f.line, f.message])
}

describe('parserFindings', () => {
  it('passes GitHub parser errors on with their place', () => {
    const file = fileFrom(
      workflow('      - run: echo hi\n        shell-name: bash\n'),
      WF,
    )
    expect(found(parserFindings(file))).toEqual([
      [8, "Unexpected value 'shell-name'"],
    ])
  })

  it('checks action.yml files against the action schema', () => {
    const file = fileFrom(
      'name: a\nruns: {using: node24, main: index.js}\n',
      'action.yml',
    )
    expect(found(parserFindings(file))).toEqual([
      [1, 'Required property is missing: description'],
    ])
  })
})

const CALLEE = `on:
  workflow_call:
    inputs:
      env: {type: string, required: true}
      dry: {type: boolean, default: false}
      count: {type: number}
    secrets:
      token: {required: true}
jobs:
  a: {runs-on: ubuntu-latest, permissions: {}, steps: [{run: make}]}
`

describe('callFindings', () => {
  const callee = fileFrom(CALLEE, '.github/workflows/callee.yaml')
  const context = { root: '/nonexistent', repository: 'o/r', files: [callee] }
  const call = (uses: string, rest: string): string =>
    `on: push\njobs:\n  deploy:\n    uses: ${uses}\n${rest}`
  it.each([
    [
      'everything it needs',
      "    with: {env: prod, dry: true, count: 2}\n    secrets: {token: '${{ secrets.T }}'}\n",
      [],
    ],
    ['inherited secrets', '    with: {env: prod}\n    secrets: inherit\n', []],
    [
      'a missing secret',
      '    with: {env: prod}\n',
      [
        'job deploy: ./.github/workflows/callee.yaml requires secret token, which is not passed',
      ],
    ],
    [
      'an unknown input',
      '    with: {env: prod, colour: red}\n    secrets: inherit\n',
      [
        'job deploy: ./.github/workflows/callee.yaml has no input colour (its inputs: env, dry, count)',
      ],
    ],
    [
      'a string for a boolean',
      "    with: {env: prod, dry: 'yes'}\n    secrets: inherit\n",
      ['job deploy: input dry: expected a boolean, got "yes" (a string)'],
    ],
    [
      'an expression for a boolean',
      "    with: {env: prod, dry: '${{ inputs.dry }}'}\n    secrets: inherit\n",
      [],
    ],
    [
      'an unknown secret',
      '    with: {env: prod}\n    secrets: {token: t, other: o}\n',
      [
        'job deploy: ./.github/workflows/callee.yaml has no secret other (its secrets: token)',
      ],
    ],
  ])('with %s finds %j', (_what, rest, expected) => {
    const doc = docFrom(call('./.github/workflows/callee.yaml', rest), WF)
    expect(callFindings(doc, context).map((f) => f.message)).toEqual(expected)
  })

  it('resolves this repository by name, ignores others, and reports a missing local file', () => {
    const remote = docFrom(
      call('O/R/.github/workflows/callee.yaml@v1', '    secrets: inherit\n'),
      WF,
    )
    expect(callFindings(remote, context).map((f) => f.message)).toEqual([
      'job deploy: O/R/.github/workflows/callee.yaml@v1 requires input env, which is not passed',
    ])
    const other = docFrom(call('x/y/.github/workflows/callee.yaml@v1', ''), WF)
    expect(callFindings(other, context)).toEqual([])
    const missing = docFrom(call('./.github/workflows/gone.yaml', ''), WF)
    expect(callFindings(missing, context).map((f) => f.message)).toEqual([
      'job deploy: ./.github/workflows/gone.yaml does not exist',
    ])
  })

  it('reports a call to a workflow that is not reusable', () => {
    const plain = fileFrom(
      'on: push\njobs: {}\n',
      '.github/workflows/plain.yaml',
    )
    const doc = docFrom(call('./.github/workflows/plain.yaml', ''), WF)
    expect(
      callFindings(doc, { ...context, files: [plain] }).map((f) => f.message),
    ).toEqual([
      'job deploy: ./.github/workflows/plain.yaml has no on.workflow_call, so it cannot be called',
    ])
  })

  it.each([
    ['./.github/workflows/a.yaml', undefined, '.github/workflows/a.yaml'],
    ['o/r/.github/workflows/a.yaml@v1', 'o/r', '.github/workflows/a.yaml'],
    ['o/r/.github/workflows/a.yaml@v1', undefined, undefined],
    ['x/r/.github/workflows/a.yaml@v1', 'o/r', undefined],
  ])('localPath(%s, %s) is %s', (uses, repository, expected) => {
    expect(localPath(uses, repository)).toBe(expected)
  })

  it.each([
    ['number', 'ten', 'expected a number, got "ten" (a string)'],
    ['number', 10, undefined],
    ['string', [1], 'expected a string, got a list'],
    ['string', 3, undefined],
    ['boolean', null, 'expected a boolean, got null'],
  ])('typeProblem(%s, %j) is %s', (type, value, expected) => {
    expect(typeProblem(type, value)).toBe(expected)
  })
})
