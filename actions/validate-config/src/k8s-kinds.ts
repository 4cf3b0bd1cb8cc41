// What Kubernetes asks of the kinds it knows: the API versions clusters
// serve today and the fields the API server refuses an object without.
import type { Path } from './yaml-source.js'
import { isDict, list } from './yaml-source.js'

/** One kind's API versions and required fields. */
export interface KindSpec {
  /** Served by clusters of Kubernetes 1.25 and later; the first is current. */
  readonly apiVersions: readonly string[]
  /** Fields that must be present, as paths from the object's root. */
  readonly required: readonly Path[]
}

const TEMPLATE = ['spec', 'template'] as const
const CONTROLLER: readonly Path[] = [
  ['spec', 'selector'],
  [...TEMPLATE, 'metadata', 'labels'],
  [...TEMPLATE, 'spec', 'containers'],
]

/** The kinds checked, with the API versions and fields they need. */
export const KINDS: Readonly<Record<string, KindSpec>> = {
  Pod: { apiVersions: ['v1'], required: [['spec', 'containers']] },
  Service: { apiVersions: ['v1'], required: [] },
  ConfigMap: { apiVersions: ['v1'], required: [] },
  Secret: { apiVersions: ['v1'], required: [] },
  Namespace: { apiVersions: ['v1'], required: [] },
  ServiceAccount: { apiVersions: ['v1'], required: [] },
  PersistentVolumeClaim: {
    apiVersions: ['v1'],
    required: [
      ['spec', 'accessModes'],
      ['spec', 'resources', 'requests', 'storage'],
    ],
  },
  Deployment: { apiVersions: ['apps/v1'], required: CONTROLLER },
  StatefulSet: { apiVersions: ['apps/v1'], required: CONTROLLER },
  DaemonSet: { apiVersions: ['apps/v1'], required: CONTROLLER },
  ReplicaSet: { apiVersions: ['apps/v1'], required: CONTROLLER },
  Job: {
    apiVersions: ['batch/v1'],
    required: [[...TEMPLATE, 'spec', 'containers']],
  },
  CronJob: {
    apiVersions: ['batch/v1'],
    required: [
      ['spec', 'schedule'],
      ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'],
    ],
  },
  Ingress: { apiVersions: ['networking.k8s.io/v1'], required: [] },
  NetworkPolicy: {
    apiVersions: ['networking.k8s.io/v1'],
    required: [['spec', 'podSelector']],
  },
  HorizontalPodAutoscaler: {
    apiVersions: ['autoscaling/v2', 'autoscaling/v1'],
    required: [
      ['spec', 'scaleTargetRef', 'kind'],
      ['spec', 'scaleTargetRef', 'name'],
      ['spec', 'maxReplicas'],
    ],
  },
  PodDisruptionBudget: {
    apiVersions: ['policy/v1'],
    required: [['spec', 'selector']],
  },
  Role: { apiVersions: ['rbac.authorization.k8s.io/v1'], required: [] },
  ClusterRole: { apiVersions: ['rbac.authorization.k8s.io/v1'], required: [] },
  RoleBinding: {
    apiVersions: ['rbac.authorization.k8s.io/v1'],
    required: [
      ['roleRef', 'apiGroup'],
      ['roleRef', 'kind'],
      ['roleRef', 'name'],
    ],
  },
  ClusterRoleBinding: {
    apiVersions: ['rbac.authorization.k8s.io/v1'],
    required: [
      ['roleRef', 'apiGroup'],
      ['roleRef', 'kind'],
      ['roleRef', 'name'],
    ],
  },
  StorageClass: { apiVersions: ['storage.k8s.io/v1'], required: [] },
  CustomResourceDefinition: {
    apiVersions: ['apiextensions.k8s.io/v1'],
    required: [
      ['spec', 'group'],
      ['spec', 'names'],
      ['spec', 'versions'],
    ],
  },
  Application: { apiVersions: ['argoproj.io/v1alpha1'], required: [] },
  ApplicationSet: { apiVersions: ['argoproj.io/v1alpha1'], required: [] },
  AppProject: { apiVersions: ['argoproj.io/v1alpha1'], required: [] },
}

/** Kinds that run pods from a template, and where their pod spec is. */
export const POD_SPEC_PATHS: Readonly<Record<string, Path>> = {
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  // Argo Rollouts replace Deployments and hold the same template.
  Rollout: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Pod: ['spec'],
}

/** Kinds whose pods run to completion: no traffic, so no probes. */
export const BATCH_KINDS: ReadonlySet<string> = new Set(['Job', 'CronJob'])

/** Where a workload's pod labels are: its template's, or a Pod's own. */
export function podLabelsPath(kind: string): Path | undefined {
  const spec = POD_SPEC_PATHS[kind]
  if (spec === undefined) return undefined
  return [...spec.slice(0, -1), 'metadata', 'labels']
}

/** One container of a pod spec, with where it is. */
export interface ContainerEntry {
  readonly path: Path
  readonly field: 'initContainers' | 'containers' | 'ephemeralContainers'
  readonly name: string
  readonly value: Readonly<Record<string, unknown>>
}

/** Every container of a workload document, init containers first. */
export function containerEntries(value: unknown): ContainerEntry[] {
  const kind = (value as { kind?: unknown } | null)?.kind
  const podPath = typeof kind === 'string' ? POD_SPEC_PATHS[kind] : undefined
  if (podPath === undefined) return []
  const fields = [
    'initContainers',
    'containers',
    'ephemeralContainers',
  ] as const
  return fields.flatMap((field) =>
    list(value, ...podPath, field).flatMap((container, i): ContainerEntry[] =>
      isDict(container)
        ? [
            {
              path: [...podPath, field, i],
              field,
              name:
                typeof container['name'] === 'string'
                  ? container['name']
                  : `#${i}`,
              value: container,
            },
          ]
        : [],
    ),
  )
}
