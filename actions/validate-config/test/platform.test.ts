// examples/platform, as it is and with one thing broken at a time: the
// stage must find nothing in the first, and in each broken copy exactly the
// one problem, at its line.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { applyLevels } from '../src/report.js'
import {
  DEFAULT_LEVELS,
  PLATFORM,
  copyPlatform,
  edit,
  lineOf,
  removeCopy,
  validate,
  write,
} from './platform-copy.js'

let dir = ''
beforeEach(() => {
  dir = copyPlatform()
})
afterEach(() => removeCopy(dir))

function reported(root: string): { where: string; message: string }[] {
  const { findings } = validate(root)
  return applyLevels(findings, DEFAULT_LEVELS, { root, workspace: root }).map(
    (r) => ({ where: `${r.rule} ${r.file}:${r.line}`, message: r.message }),
  )
}

const ORCH = 'apps/mcp-orch/staging/mcp-orch.yaml'
const PDB = `---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: cortex-mcp-orch
  namespace: cortex-mcp
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: cortex-mcp-orchestrator
`
const PR_WORKFLOW = `name: pr
on: pull_request
permissions:
  contents: read
jobs:
  title:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.pull_request.title }}"
`

describe('examples/platform', () => {
  it('validates clean as it stands', () => {
    expect(reported(PLATFORM)).toEqual([])
    const { files } = validate(PLATFORM)
    expect(files.map((f) => f.path)).not.toContain(
      'charts/mcp-server/templates/deployment.yaml',
    )
    expect(files.length).toBeGreaterThan(15)
  })

  it('validates clean with the fixture workflows and a PDB that selects', () => {
    const selecting = PDB.replace('cortex-mcp-orchestrator', 'cortex-mcp-orch')
    write(dir, 'apps/mcp-orch/staging/pdb.yaml', selecting)
    expect(reported(dir)).toEqual([])
  })
})

type Seed = [
  string,
  (dir: string) => void,
  string,
  string,
  (dir: string) => number,
  RegExp,
]

const seeds: Seed[] = [
  [
    'a container without a readiness probe',
    (d) =>
      edit(
        d,
        ORCH,
        '          readinessProbe:\n            httpGet:\n              path: /ready\n              port: http\n            periodSeconds: 5\n',
        '',
      ),
    'k8s-probes',
    ORCH,
    (d) => lineOf(d, ORCH, '- name: orch'),
    /container orch of Deployment cortex-mcp-orch has no readinessProbe/,
  ],
  [
    'an image tagged latest',
    (d) =>
      edit(
        d,
        ORCH,
        '- name: orch\n          image: ghcr.io/example-org/cortex-mcp-orch:0.9.3',
        '- name: orch\n          image: ghcr.io/example-org/cortex-mcp-orch:latest',
      ),
    'k8s-image-tag',
    ORCH,
    (d) => lineOf(d, ORCH, 'cortex-mcp-orch:latest'),
    /image ghcr.io\/example-org\/cortex-mcp-orch:latest is tagged latest/,
  ],
  [
    'an overlay that pins latest',
    (d) =>
      edit(
        d,
        'apps/dashboard/overlays/staging/kustomization.yaml',
        'newTag: 2.1.0',
        'newTag: latest',
      ),
    'k8s-image-tag',
    'apps/dashboard/overlays/staging/kustomization.yaml',
    () => 13,
    /sets ghcr.io\/example-org\/cortex-dashboard to latest/,
  ],
  [
    'an HPA whose minimum is over its maximum',
    (d) =>
      edit(
        d,
        'apps/dashboard/base/hpa.yaml',
        'minReplicas: 2',
        'minReplicas: 12',
      ),
    'k8s-hpa',
    'apps/dashboard/base/hpa.yaml',
    () => 10,
    /minReplicas 12 is more than maxReplicas 10/,
  ],
  [
    'a PodDisruptionBudget that selects nothing',
    (d) => write(d, 'apps/mcp-orch/staging/pdb.yaml', PDB),
    'k8s-pdb-selector',
    'apps/mcp-orch/staging/pdb.yaml',
    (d) => lineOf(d, 'apps/mcp-orch/staging/pdb.yaml', 'selector:'),
    /PodDisruptionBudget cortex-mcp-orch selects no pods: app.kubernetes.io\/name=cortex-mcp-orchestrator/,
  ],
  [
    'a sync wave "one"',
    (d) =>
      edit(
        d,
        'argocd/staging/dashboard.yaml',
        "sync-wave: '1'",
        "sync-wave: 'one'",
      ),
    'argocd-sync-wave',
    'argocd/staging/dashboard.yaml',
    () => 9,
    /Application cortex-dashboard: sync wave "one" is not a whole number/,
  ],
  [
    'a destination the project does not allow',
    (d) =>
      edit(
        d,
        'argocd/staging/dashboard.yaml',
        'namespace: cortex-dashboard',
        'namespace: kube-system',
      ),
    'argocd-project',
    'argocd/staging/dashboard.yaml',
    () => 21,
    /destination https:\/\/kubernetes.default.svc namespace kube-system is not allowed by project cortex \(destinations: https:\/\/kubernetes.default.svc cortex-\*\)/,
  ],
  [
    'an ApplicationSet element without a key the template uses',
    (d) =>
      edit(
        d,
        'argocd/staging/mcp-servers.yaml',
        '            port: 3002\n',
        '',
      ),
    'argocd-appset-template',
    'argocd/staging/mcp-servers.yaml',
    (d) =>
      lineOf(d, 'argocd/staging/mcp-servers.yaml', '- name: mcp-talos-node'),
    /list element mcp-talos-node has no key port, which spec.template.spec.source.helm.parameters.2.value uses \(\{\{\.port\}\}\)/,
  ],
  [
    'a pull request title expanded inside run:',
    (d) => write(d, '.github/workflows/pr.yaml', PR_WORKFLOW),
    'workflow-injection',
    '.github/workflows/pr.yaml',
    () => 9,
    /step 1 of job title: \$\{\{ github.event.pull_request.title \}\} inside run:/,
  ],
  [
    'a caller that leaves out a required input',
    (d) =>
      edit(
        d,
        '.github/workflows/release.yaml',
        '      environment: staging\n',
        '',
      ),
    'workflow-call',
    '.github/workflows/release.yaml',
    (d) =>
      lineOf(
        d,
        '.github/workflows/release.yaml',
        'uses: ./.github/workflows/deploy.yaml',
      ),
    /job deploy: \.\/\.github\/workflows\/deploy.yaml requires input environment, which is not passed/,
  ],
]

describe('a broken copy of examples/platform', () => {
  it.each(seeds)(
    'with %s fails at its line',
    (_name, breakIt, rule, file, line, message) => {
      breakIt(dir)
      const found = reported(dir)
      expect(found.map((f) => f.where)).toEqual([
        `${rule} ${file}:${line(dir)}`,
      ])
      expect(found[0]?.message).toMatch(message)
    },
  )
})
