// Workloads as `kubectl get <kind>/<name> -o json` prints them (apps/v1),
// cut to the fields a rollout is judged on; the field names and defaults
// follow the Kubernetes API reference for Deployment, StatefulSet and
// DaemonSet.

/** The numbers of a Deployment, all optional as the API leaves them. */
export interface DeploymentFacts {
  generation?: number
  observedGeneration?: number
  /** spec.replicas; absent means 1. */
  desired?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  paused?: boolean
  conditions?: Record<string, string>[]
}

/** A Deployment object with these numbers. */
export function deployment(facts: DeploymentFacts, name = 'api'): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'prod',
      ...(facts.generation === undefined
        ? {}
        : { generation: facts.generation }),
    },
    spec: {
      ...(facts.desired === undefined ? {} : { replicas: facts.desired }),
      ...(facts.paused === undefined ? {} : { paused: facts.paused }),
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
    },
    status: without({
      observedGeneration: facts.observedGeneration,
      replicas: facts.replicas,
      updatedReplicas: facts.updatedReplicas,
      readyReplicas: facts.readyReplicas,
      availableReplicas: facts.availableReplicas,
      conditions: facts.conditions,
    }),
  }
}

/** The condition the deployment controller sets when a rollout stalls. */
export const progressDeadlineExceeded = {
  type: 'Progressing',
  status: 'False',
  reason: 'ProgressDeadlineExceeded',
  message: 'ReplicaSet "api-7d9f8c6b5" has timed out progressing.',
}

/** The numbers of a StatefulSet. */
export interface StatefulSetFacts {
  generation?: number
  observedGeneration?: number
  desired?: number
  strategy?: 'RollingUpdate' | 'OnDelete'
  partition?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  currentRevision?: string
  updateRevision?: string
}

/** A StatefulSet object with these numbers. */
export function statefulSet(facts: StatefulSetFacts): unknown {
  const strategy = facts.strategy ?? 'RollingUpdate'
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'data', generation: facts.generation },
    spec: {
      replicas: facts.desired,
      updateStrategy:
        strategy === 'OnDelete'
          ? { type: 'OnDelete' }
          : {
              type: 'RollingUpdate',
              rollingUpdate: { partition: facts.partition ?? 0 },
            },
    },
    status: without({
      observedGeneration: facts.observedGeneration,
      replicas: facts.replicas,
      updatedReplicas: facts.updatedReplicas,
      readyReplicas: facts.readyReplicas,
      availableReplicas: facts.availableReplicas,
      currentRevision: facts.currentRevision,
      updateRevision: facts.updateRevision,
    }),
  }
}

/** The numbers of a DaemonSet. */
export interface DaemonSetFacts {
  generation?: number
  observedGeneration?: number
  strategy?: 'RollingUpdate' | 'OnDelete'
  desiredNumberScheduled?: number
  updatedNumberScheduled?: number
  numberAvailable?: number
}

/** A DaemonSet object with these numbers. */
export function daemonSet(facts: DaemonSetFacts): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: 'node-exporter',
      namespace: 'monitoring',
      generation: facts.generation,
    },
    spec: { updateStrategy: { type: facts.strategy ?? 'RollingUpdate' } },
    status: without({
      observedGeneration: facts.observedGeneration,
      desiredNumberScheduled: facts.desiredNumberScheduled,
      currentNumberScheduled: facts.desiredNumberScheduled,
      updatedNumberScheduled: facts.updatedNumberScheduled,
      numberAvailable: facts.numberAvailable,
    }),
  }
}

// Fields not given are left out, as the API leaves out zero counts.
function without(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  )
}
