// Whether a workload's rollout is done, read from the object `kubectl get
// -o json` prints. The rules follow kubectl's rollout status viewers, made
// stricter where kubectl has been seen to return too early (CASES C46).

/** Where a rollout stands, and what a person reads about it. */
export interface RolloutStatus {
  state: 'done' | 'progressing' | 'failed'
  /** "3 of 4 updated, 3 available, 1 old (generation 7 observed 6)". */
  status: string
}

/** Where the rollout of a Deployment, StatefulSet or DaemonSet stands. */
export function rolloutStatus(object: unknown): RolloutStatus {
  const kind = text(object, 'kind')
  switch (kind) {
    case 'Deployment':
      return deploymentStatus(object)
    case 'StatefulSet':
      return statefulSetStatus(object)
    case 'DaemonSet':
      return daemonSetStatus(object)
    default:
      return {
        state: 'failed',
        status: `${kind ? `a ${kind}` : 'an object without a kind'} has no rollout to wait on`,
      }
  }
}

function deploymentStatus(object: unknown): RolloutStatus {
  const desired = count(object, 'spec', 'replicas') ?? 1
  const replicas = count(object, 'status', 'replicas') ?? 0
  const updated = count(object, 'status', 'updatedReplicas') ?? 0
  const available = count(object, 'status', 'availableReplicas') ?? 0
  const old = Math.max(0, replicas - updated)
  const counts =
    `${updated} of ${desired} updated, ${available} available` +
    (old > 0 ? `, ${old} old` : '')
  const stale = staleGeneration(object)
  // Until the controller has seen the new spec, the status (conditions
  // included) describes the previous rollout: krane declared success in
  // 1.9 s from exactly that (Shopify/krane#325).
  if (stale) return { state: 'progressing', status: `${counts} ${stale}` }
  const deadline = conditions(object).find(
    (c) =>
      c['type'] === 'Progressing' && c['reason'] === 'ProgressDeadlineExceeded',
  )
  if (deadline) {
    const said = deadline['message']
    const message = typeof said === 'string' ? said.trim() : ''
    return {
      state: 'failed',
      status: `progress deadline exceeded${message ? `: ${message}` : ''} (${counts})`,
    }
  }
  if (valueAt(object, 'spec', 'paused') === true) {
    return { state: 'progressing', status: `paused (${counts})` }
  }
  // Old pods gone and every new one available: the state tests may run
  // against (kubernetes/kubernetes#31130).
  const done =
    updated === desired && replicas === updated && available === updated
  return { state: done ? 'done' : 'progressing', status: counts }
}

function statefulSetStatus(object: unknown): RolloutStatus {
  const strategy = rollingStrategy(object)
  if (strategy) return strategy
  const desired = count(object, 'spec', 'replicas') ?? 1
  const updated = count(object, 'status', 'updatedReplicas') ?? 0
  const ready = count(object, 'status', 'readyReplicas') ?? 0
  // Clusters before 1.22 report no availableReplicas; ready is the most
  // they say.
  const available = count(object, 'status', 'availableReplicas') ?? ready
  const partition =
    count(object, 'spec', 'updateStrategy', 'rollingUpdate', 'partition') ?? 0
  const counts =
    `${updated} of ${desired} updated, ${ready} ready, ${available} available` +
    (partition > 0 ? `, partition ${partition}` : '')
  const stale = staleGeneration(object)
  if (stale) return { state: 'progressing', status: `${counts} ${stale}` }
  // Pods below the partition keep the old revision on purpose, so the two
  // revisions never meet; the update is done once the rest are updated.
  const current = text(object, 'status', 'currentRevision')
  const revisions =
    partition > 0
      ? updated >= desired - partition
      : (current !== undefined &&
          text(object, 'status', 'updateRevision') === current) ||
        updated === desired
  const done = revisions && ready === desired && available === desired
  return { state: done ? 'done' : 'progressing', status: counts }
}

function daemonSetStatus(object: unknown): RolloutStatus {
  const strategy = rollingStrategy(object)
  if (strategy) return strategy
  const desired = count(object, 'status', 'desiredNumberScheduled') ?? 0
  const updated = count(object, 'status', 'updatedNumberScheduled') ?? 0
  const available = count(object, 'status', 'numberAvailable') ?? 0
  const counts = `${updated} of ${desired} updated, ${available} available`
  const stale = staleGeneration(object)
  if (stale) return { state: 'progressing', status: `${counts} ${stale}` }
  const done = updated === desired && available === desired
  return { state: done ? 'done' : 'progressing', status: counts }
}

// OnDelete replaces a pod only when someone deletes it: nothing will move
// by waiting, so saying so beats timing out.
function rollingStrategy(object: unknown): RolloutStatus | undefined {
  const type = text(object, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate'
  if (type === 'RollingUpdate') return undefined
  return {
    state: 'failed',
    status: `the ${type} update strategy replaces pods only when they are deleted, so its rollout cannot be waited on`,
  }
}

// "(generation 7 observed 6)" while the controller lags behind the spec.
function staleGeneration(object: unknown): string | undefined {
  const generation = count(object, 'metadata', 'generation') ?? 0
  const observed = count(object, 'status', 'observedGeneration')
  if (observed !== undefined && observed >= generation) return undefined
  return `(generation ${generation} observed ${observed ?? 'none'})`
}

function conditions(object: unknown): Record<string, unknown>[] {
  const list = valueAt(object, 'status', 'conditions')
  if (!Array.isArray(list)) return []
  return list.filter(
    (c): c is Record<string, unknown> => typeof c === 'object' && c !== null,
  )
}

function valueAt(object: unknown, ...path: string[]): unknown {
  let value = object
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

function count(object: unknown, ...path: string[]): number | undefined {
  const value = valueAt(object, ...path)
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function text(object: unknown, ...path: string[]): string | undefined {
  const value = valueAt(object, ...path)
  return typeof value === 'string' ? value : undefined
}
