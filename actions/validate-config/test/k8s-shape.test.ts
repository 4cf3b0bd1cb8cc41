// k8s-shape and the selectors it uses, on objects written here.
import { describe, expect, it } from '@jest/globals'
import { shapeFindings } from '../src/k8s-shape.js'
import { matchesSelector } from '../src/selectors.js'
import { docFrom } from './docs.js'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: web:1.0.0
`

describe('shapeFindings', () => {
  it('finds nothing wrong with a complete Deployment', () => {
    expect(shapeFindings(docFrom(DEPLOYMENT))).toEqual([])
  })

  it.each([
    [
      'a missing selector',
      DEPLOYMENT.replace('  selector:\n    matchLabels: {app: web}\n', ''),
      'spec.selector is missing',
      5,
    ],
    [
      'an API version clusters no longer serve',
      DEPLOYMENT.replace('apps/v1', 'extensions/v1beta1'),
      'apiVersion extensions/v1beta1 is not served by current Kubernetes; use apps/v1',
      1,
    ],
    [
      'a number as a label',
      DEPLOYMENT.replace('labels: {app: web}', 'labels: {app: web, tier: 1}'),
      'labels are strings; quote the value of tier (1)',
      10,
    ],
    [
      'a selector that misses its template',
      DEPLOYMENT.replace('matchLabels: {app: web}', 'matchLabels: {app: api}'),
      'spec.selector does not match spec.template.metadata.labels',
      6,
    ],
    [
      'a container without an image',
      DEPLOYMENT.replace('          image: web:1.0.0\n', ''),
      'containers[0] has no image',
      13,
    ],
    [
      'no name',
      DEPLOYMENT.replace('  name: web\n', ''),
      'metadata.name is missing',
      3,
    ],
    [
      'no apiVersion',
      DEPLOYMENT.replace('apiVersion: apps/v1\n', ''),
      'apiVersion is missing',
      1,
    ],
  ])('reports %s', (_what, text, message, line) => {
    const findings = shapeFindings(docFrom(text))
    expect(findings.map((f) => [f.rule, f.message, f.line])).toEqual([
      [
        'k8s-shape',
        `Deployment${message === 'metadata.name is missing' ? '' : ' web'}: ${message}`,
        line,
      ],
    ])
  })

  it.each([
    [
      'a Job without restartPolicy',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: "c:1"}]\n',
      [
        'spec.template.spec.restartPolicy must be Never or OnFailure (got none, which means Always)',
      ],
    ],
    [
      'a Service without ports',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: s}\n',
      ['spec.ports is missing'],
    ],
    [
      'a headless Service without ports',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: None\n',
      [],
    ],
    [
      'an ExternalName Service without a name',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: ExternalName\n',
      ['spec.externalName is missing for type ExternalName'],
    ],
    [
      'a port without its number',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{name: http}]\n',
      ['spec.ports[0].port is missing'],
    ],
    [
      'an Ingress path without pathType',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            backend: {service: {name: s, port: {number: 80}}}\n',
      ['spec.rules[0].http.paths[0].pathType is missing'],
    ],
    [
      'an Ingress with no rules',
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {}\n',
      ['spec.rules or spec.defaultBackend is missing'],
    ],
    [
      'a PDB with both bounds',
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector: {}\n',
      ['set minAvailable or maxUnavailable, not both'],
    ],
    [
      'an HPA without a maximum',
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n',
      ['spec.maxReplicas is missing'],
    ],
    [
      'a kind of another tool',
      'apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: []\n',
      [],
    ],
    [
      'a numeric annotation on a custom kind',
      'apiVersion: example.org/v1\nkind: Widget\nmetadata:\n  name: w\n  annotations: {replicas: 3}\n',
      ['annotations are strings; quote the value of replicas (3)'],
    ],
  ])('on %s says so', (_what, text, messages) => {
    const found = shapeFindings(docFrom(text)).map((f) =>
      f.message.replace(/^[^:]*: /, ''),
    )
    expect(found).toEqual(messages)
  })
})

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front' }
  it.each([
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
        ],
      },
      true,
    ],
    [
      {
        matchExpressions: [
          { key: 'tier', operator: 'NotIn', values: ['front'] },
        ],
      },
      false,
    ],
    [
      { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] },
      true,
    ],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'Near' }] }, false],
    [{}, true],
  ])('%j selects app=web,tier=front: %s', (selector, expected) => {
    expect(matchesSelector(selector, labels)).toBe(expected)
  })
})
