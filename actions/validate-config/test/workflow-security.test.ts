// The security rules of DESIGN.md on workflows and actions written here:
// no untrusted expression inside run:, least-privilege permissions, pinned
// third-party actions, no checkout of a pull request's head under
// pull_request_target, concurrency on releases and deployments.
import { describe, expect, it } from '@jest/globals'
import {
  concurrencyFindings,
  permissionFindings,
  pinFindings,
} from '../src/workflow-hardening.js'
import { injectionFindings } from '../src/workflow-injection.js'
import { docFrom } from './docs.js'

const WF = '.github/workflows/w.yaml'
const SHA = 'a'.repeat(40)

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

describe('injectionFindings', () => {
  it.each([
    [
      '      - run: echo "${{ github.event.pull_request.title }}"\n',
      [
        [
          7,
          'step 1 of job build: ${{ github.event.pull_request.title }} inside run: is expanded before the shell runs, so its text runs as code; pass it through env: and use the variable',
        ],
      ],
    ],
    [
      '      - name: greet\n        run: |\n          echo start\n          echo "${{ github.head_ref }}"\n',
      [
        [
          10,
          'step "greet" of job build: ${{ github.head_ref }} inside run: is expanded before the shell runs, so its text runs as code; pass it through env: and use the variable',
        ],
      ],
    ],
    [
      '      - run: echo "${{ github.event_name }} ${{ steps.a.outputs.b }}"\n',
      [],
    ],
    [
      '      - env: {TITLE: "${{ github.event.pull_request.title }}"}\n        run: echo "$TITLE"\n',
      [],
    ],
    [
      "      - uses: actions/github-script@v7\n        with:\n          script: console.log('${{ github.event.issue.body }}')\n",
      [
        [
          9,
          'step 1 of job build: ${{ github.event.issue.body }} inside the github-script script is expanded before the shell runs, so its text runs as code; pass it through env: and use the variable',
        ],
      ],
    ],
  ])('on %j finds %j', (steps, expected) => {
    expect(found(injectionFindings(docFrom(workflow(steps), WF)))).toEqual(
      expected,
    )
  })

  it('reads composite actions too', () => {
    const action =
      'name: a\ndescription: d\ninputs: {x: {description: x}}\nruns:\n  using: composite\n  steps:\n    - shell: bash\n      run: echo ${{ inputs.x }}\n'
    expect(
      found(injectionFindings(docFrom(action, 'action.yml'))).map(([l]) => l),
    ).toEqual([8])
  })

  it.each([
    [
      '      - uses: actions/checkout@v4\n        with: {ref: "${{ github.event.pull_request.head.sha }}"}\n',
      1,
    ],
    ['      - run: gh pr checkout ${{ github.event.number }}\n', 1],
    ['      - uses: actions/checkout@v4\n', 0],
  ])(
    'under pull_request_target, on %j finds %i checkouts of the head',
    (steps, count) => {
      const doc = docFrom(workflow(steps, 'on: pull_request_target\n'), WF)
      const rules = injectionFindings(doc).map((f) => f.rule)
      expect(
        rules.filter((r) => r === 'workflow-pr-target-checkout'),
      ).toHaveLength(count)
    },
  )
})

describe('permissionFindings', () => {
  const job = (permissions: string, steps = '      - run: make\n'): string =>
    `on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n${permissions}    steps:\n${steps}`
  it.each([
    [
      'no permissions anywhere',
      job(''),
      [
        "job build sets no permissions, so its token gets the repository's default; set least-privilege permissions on the job",
      ],
    ],
    [
      'write inherited from the workflow',
      `permissions: {contents: write}\n${job('')}`,
      [
        'job build inherits write permissions from the workflow; set the permissions it needs on the job',
      ],
    ],
    [
      'read inherited from the workflow',
      `permissions: read-all\n${job('')}`,
      [],
    ],
    [
      'write-all on the workflow',
      `permissions: write-all\n${job('    permissions: {}\n')}`,
      [
        'permissions: write-all grants every scope; name the scopes each job needs',
      ],
    ],
    [
      'id-token on the workflow',
      `permissions: {id-token: write}\n${job('    permissions: {}\n')}`,
      [
        'id-token: write for the whole workflow; grant it only to the job that signs',
      ],
    ],
    [
      'id-token without signing',
      job('    permissions: {id-token: write}\n'),
      [
        'job build has id-token: write but neither signs (cosign, Sigstore, attestations, npm provenance) nor logs in to a cloud with OIDC',
      ],
    ],
    [
      'id-token with cosign',
      job(
        '    permissions: {id-token: write}\n',
        '      - run: cosign sign img\n',
      ),
      [],
    ],
    [
      'write-all on the job',
      job('    permissions: write-all\n'),
      [
        'job build: permissions: write-all grants every scope; name the scopes it needs',
      ],
    ],
  ])('with %s finds %j', (_what, text, expected) => {
    expect(permissionFindings(docFrom(text, WF)).map((f) => f.message)).toEqual(
      expected,
    )
  })
})

describe('pinFindings', () => {
  const policy = { trusted: ['actions/*'], repository: 'example-org/cortex' }
  it.each([
    [`aquasecurity/trivy-action@${SHA} # v0.29.0`, []],
    [
      'aquasecurity/trivy-action@v0.29.0',
      [
        'aquasecurity/trivy-action@v0.29.0 is pinned to v0.29.0, which can move; pin the full commit SHA with the version in a comment',
      ],
    ],
    [
      `aquasecurity/trivy-action@${SHA}`,
      [
        `aquasecurity/trivy-action@${SHA} is pinned to a SHA without its version in a comment (# v1.2.3), so nobody can tell what it is`,
      ],
    ],
    ['actions/checkout@v4', []],
    ['example-org/cortex/actions/notify@v1', []],
    ['./.github/actions/notify-chat', []],
    ['docker://alpine:3.20', []],
  ])('%s: %j', (uses, expected) => {
    const doc = docFrom(workflow(`      - uses: ${uses}\n`), WF)
    expect(pinFindings(doc, policy).map((f) => f.message)).toEqual(expected)
  })

  it('holds reusable workflows of other repositories to the same rule', () => {
    const doc = docFrom(
      'on: push\njobs:\n  cd:\n    uses: other/pipes/.github/workflows/cd.yaml@main\n',
      WF,
    )
    expect(pinFindings(doc, policy).map((f) => f.line)).toEqual([4])
  })
})

describe('concurrencyFindings', () => {
  it.each([
    ['.github/workflows/release.yaml', 'on: push\n', 1],
    ['.github/workflows/release.yaml', 'on: push\nconcurrency: release\n', 0],
    ['.github/workflows/ci.yaml', 'on: push\n', 0],
    ['.github/workflows/ci.yaml', 'name: Deploy\non: push\n', 1],
  ])('%s with %j has %i findings', (path, head, count) => {
    expect(
      concurrencyFindings(docFrom(workflow('      - run: make\n', head), path)),
    ).toHaveLength(count)
  })

  it('asks the jobs that deploy to an environment, not the others', () => {
    const deploy = (extra: string): string =>
      `on: push\njobs:\n  build: {runs-on: x, permissions: {}, steps: [{run: make}]}\n  prod:\n    runs-on: x\n    environment: prod\n${extra}    permissions: {}\n    steps: [{run: make}]\n`
    const bare = concurrencyFindings(docFrom(deploy(''), WF))
    expect(bare.map((f) => [f.line, f.message])).toEqual([
      [
        4,
        'a release or deployment workflow without a concurrency group (job prod): two runs could race; set concurrency: on the workflow or the jobs',
      ],
    ])
    expect(
      concurrencyFindings(docFrom(deploy('    concurrency: prod\n'), WF)),
    ).toEqual([])
  })
})
