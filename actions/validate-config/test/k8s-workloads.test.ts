// The pod rules and the rules between objects, on workloads written here.
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { podFindings } from '../src/k8s-pods.js'
import { relationFindings } from '../src/k8s-relations.js'
import { DEFAULT_RESOURCES } from '../src/settings.js'
import { applyLevels } from '../src/report.js'
import { DEFAULT_LEVELS, validate } from './platform-copy.js'
import { NO_KUSTOMIZE, docFrom, docsFrom } from './docs.js'

const rules = { resources: DEFAULT_RESOURCES, startupProbe: false }

function workload(kind: string, container: string, extra = ''): string {
  const pod = `      containers:\n        - name: app\n${container
    .split('\n')
    .map((l) => `          ${l}`)
    .join('\n')}\n`
  const head = `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: app\n${extra}spec:\n  selector:\n    matchLabels: {app: app}\n  template:\n    metadata:\n      labels: {app: app}\n    spec:\n`
  return head + pod
}

const COMPLETE = `image: app:1.2.3
livenessProbe: {httpGet: {path: /health, port: 80}}
readinessProbe: {httpGet: {path: /ready, port: 80}}
resources:
  requests: {cpu: 100m, memory: 64Mi}
  limits: {memory: 64Mi}`

describe('podFindings', () => {
  it.each([
    ['a complete container', 'Deployment', COMPLETE, []],
    [
      'no probes',
      'Deployment',
      COMPLETE.replace(/.*Probe.*\n/g, ''),
      [
        'k8s-probes: container app of Deployment app has no livenessProbe and no readinessProbe',
      ],
    ],
    [
      'no memory limit',
      'StatefulSet',
      COMPLETE.replace('\n  limits: {memory: 64Mi}', ''),
      [
        'k8s-resources: container app of StatefulSet app sets no resources.limits.memory',
      ],
    ],
    [
      'no resources at all',
      'DaemonSet',
      COMPLETE.replace(/resources:[\s\S]*/, ''),
      [
        'k8s-resources: container app of DaemonSet app sets no resources.requests.cpu, resources.requests.memory, resources.limits.memory',
      ],
    ],
    [
      'an untagged image',
      'Deployment',
      COMPLETE.replace('app:1.2.3', 'ghcr.io/o/app'),
      [
        'k8s-image-tag: container app of Deployment app: image ghcr.io/o/app has no tag, so it runs whatever latest is when the pod starts; pin a version or a digest',
      ],
    ],
    [
      'a digest',
      'Deployment',
      COMPLETE.replace('app:1.2.3', `app@sha256:${'a'.repeat(64)}`),
      [],
    ],
    [
      'latest with a digest',
      'Deployment',
      COMPLETE.replace('app:1.2.3', `app:latest@sha256:${'a'.repeat(64)}`),
      [],
    ],
    [
      'a templated image',
      'Deployment',
      COMPLETE.replace('app:1.2.3', "'{{ .Values.image }}'"),
      [],
    ],
    [
      'an invalid image',
      'Deployment',
      COMPLETE.replace('app:1.2.3', 'App:Bad:Ref'),
      [
        'k8s-image-tag: container app of Deployment app: App:Bad:Ref is not an image reference',
      ],
    ],
  ])('on %s finds %j', (_what, kind, container, expected) => {
    const findings = podFindings(
      docFrom(workload(kind, container)),
      rules,
      NO_KUSTOMIZE,
    )
    expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual(expected)
  })

  it('asks for a startup probe when configured', () => {
    const doc = docFrom(workload('Deployment', COMPLETE))
    const findings = podFindings(
      doc,
      { ...rules, startupProbe: true },
      NO_KUSTOMIZE,
    )
    expect(findings.map((f) => [f.message, f.line])).toEqual([
      ['container app of Deployment app has no startupProbe', 13],
    ])
  })

  it('asks no probes of a CronJob, but resources and a pinned image', () => {
    const doc = docFrom(`apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: '0 3 * * *'
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          initContainers: [{name: init, image: 'busybox:latest'}]
          containers: [{name: run, image: 'tool:2'}]
`)
    expect(podFindings(doc, rules, NO_KUSTOMIZE).map((f) => f.rule)).toEqual([
      'k8s-image-tag',
      'k8s-resources',
    ])
  })
})

const SERVICE = `---
apiVersion: v1
kind: Service
metadata: {name: app}
spec:
  selector: {app: app}
  ports: [{port: 80}]
`
const HPA = `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: app}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app}
  minReplicas: 2
  maxReplicas: 4
`

describe('relationFindings', () => {
  it('finds a Service and an HPA that reach their Deployment', () => {
    const docs = docsFrom(workload('Deployment', COMPLETE) + SERVICE + HPA)
    expect(relationFindings(docs, NO_KUSTOMIZE)).toEqual([])
  })

  it.each([
    [
      'a Service of other labels',
      SERVICE.replace('{app: app}', '{app: web}'),
      'k8s-service-selector',
      'Service app selects no pods: app=web, and no workload deployed with it has those pod labels',
    ],
    [
      'an HPA of another Deployment',
      HPA.replace('Deployment, name: app', 'Deployment, name: web'),
      'k8s-hpa',
      'HorizontalPodAutoscaler app: scaleTargetRef Deployment web is not among the manifests deployed with it',
    ],
    [
      'a Service in another namespace',
      SERVICE.replace('{name: app}', '{name: app, namespace: b}'),
      'k8s-service-selector',
      'Service app selects no pods: app=app, and no workload is deployed with it',
    ],
  ])('reports %s', (_what, other, rule, message) => {
    const docs = docsFrom(
      workload('Deployment', COMPLETE, '  namespace: a\n') + other,
    )
    expect(
      relationFindings(docs, NO_KUSTOMIZE)
        .filter((f) => f.rule !== 'k8s-network-policy')
        .map((f) => [f.rule, f.message]),
    ).toEqual([[rule, message]])
  })

  it('says which expressions a PodDisruptionBudget selects by', () => {
    const pdb =
      '---\napiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  maxUnavailable: 1\n  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [api, web]}\n      - {key: canary, operator: DoesNotExist}\n'
    const docs = docsFrom(workload('Deployment', COMPLETE) + pdb)
    expect(relationFindings(docs, NO_KUSTOMIZE).map((f) => f.message)).toEqual([
      'PodDisruptionBudget p selects no pods: app In (api,web), DoesNotExist canary, and no workload deployed with it has those pod labels',
    ])
  })

  it('leaves a Service without a selector alone', () => {
    const docs = docsFrom(SERVICE.replace('  selector: {app: app}\n', ''))
    expect(relationFindings(docs, NO_KUSTOMIZE)).toEqual([])
  })

  it('compares only objects of one folder outside kustomize', () => {
    const deployment = docsFrom(workload('Deployment', COMPLETE), 'a/app.yaml')
    const service = docsFrom(SERVICE, 'b/service.yaml')
    const found = relationFindings([...deployment, ...service], NO_KUSTOMIZE)
    expect(found.map((f) => f.file)).toEqual(['b/service.yaml'])
  })

  it('asks each namespace with workloads for a NetworkPolicy', () => {
    const policy =
      '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: a}\nspec: {podSelector: {}}\n'
    const app = workload('Deployment', COMPLETE, '  namespace: a\n')
    const other = workload('Deployment', COMPLETE, '  namespace: b\n')
    const found = relationFindings(
      docsFrom(app + policy + '---\n' + other),
      NO_KUSTOMIZE,
    )
    expect(found.map((f) => [f.rule, f.message])).toEqual([
      [
        'k8s-network-policy',
        'namespace b runs Deployment app but no NetworkPolicy of the set applies there',
      ],
    ])
  })
})

describe('kustomize', () => {
  let dir = ''
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function tree(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'validate-config-kustomize-'))
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    return dir
  }

  const base = {
    'base/kustomization.yaml': 'resources: [app.yaml]\n',
    'base/app.yaml': workload(
      'Deployment',
      COMPLETE.replace('app:1.2.3', 'ghcr.io/o/app'),
    ),
  }

  function reported(root: string): string[] {
    return applyLevels(validate(root).findings, DEFAULT_LEVELS, {
      root,
      workspace: root,
    }).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)
  }

  it('lets overlays pin the image a base leaves untagged', () => {
    const root = tree({
      ...base,
      'prod/kustomization.yaml':
        'namespace: prod\nresources: [../base]\nimages:\n  - name: ghcr.io/o/app\n    newTag: 1.0.0\n',
    })
    expect(reported(root)).toEqual([])
  })

  it('reports the base image when an overlay leaves it untagged, and what overlays name but lack', () => {
    const root = tree({
      ...base,
      'prod/kustomization.yaml':
        'resources:\n  - ../base\n  - missing.yaml\n  - ../empty\n  - https://github.com/o/r//deploy?ref=v1\npatches:\n  - path: gone.yaml\nconfigMapGenerator:\n  - name: c\n    files: [conf=settings.ini]\n    envs: [.env]\nimages:\n  - name: ghcr.io/o/ap\n    newTag: 1.0.0\n',
      'empty/readme.txt': 'no kustomization here\n',
    })
    const found = reported(root)
    expect(found).toEqual([
      'k8s-image-tag base/app.yaml:14 container app of Deployment app: image ghcr.io/o/app has no tag, so it runs whatever latest is when the pod starts; pin a version or a digest',
      'kustomize-reference prod/kustomization.yaml:3 resources entry missing.yaml does not exist',
      'kustomize-reference prod/kustomization.yaml:4 resources entry ../empty is a folder without a kustomization',
      'kustomize-reference prod/kustomization.yaml:7 patch gone.yaml does not exist',
      'kustomize-reference prod/kustomization.yaml:10 file settings.ini does not exist',
      'kustomize-reference prod/kustomization.yaml:11 env file .env does not exist',
      'kustomize-reference prod/kustomization.yaml:13 image ghcr.io/o/ap is named in images: but no container of the resources uses it',
    ])
  })
})
