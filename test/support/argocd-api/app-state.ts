// One application's state in the stand-in: what it is, the operation in
// flight, its history, and the script it plays at each observation.
import type {
  AppSeed,
  Frame,
  HealthStatus,
  OperationPhase,
  ResourceChange,
  ResourceSeed,
  SyncStatus,
} from './types.js'
import { rollout } from './scripts.js'

/** A resource as the stand-in keeps it. */
export interface Resource {
  group: string
  version: string
  kind: string
  namespace: string
  name: string
  health: HealthStatus
  message: string
  sync: SyncStatus
}

/** A sync or rollback asked for through the API. */
export interface Operation {
  kind: 'sync' | 'rollback'
  revision: string
  phase: OperationPhase
  message: string
  prune: boolean
  startedAt: number
  finishedAt?: number
  /** The history id rolled back to. */
  rollbackTo?: number
}

/** One deployment in status.history. */
export interface HistoryEntry {
  id: number
  revision: string
  deployStartedAt: number
  deployedAt: number
}

/** Why an operation cannot start, as Argo CD words it (HTTP 400). */
export class OperationRefused extends Error {
  override readonly name = 'OperationRefused'
}

// Argo CD's default spec.revisionHistoryLimit.
const HISTORY_LIMIT = 10

const workloadKinds = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
])

/** An application of the stand-in, driven by its seed and its script. */
export class AppState {
  readonly name: string
  readonly project: string
  readonly labels: Record<string, string>
  readonly annotations: Record<string, string>
  automated: boolean
  readonly repoURL: string
  readonly path: string
  readonly targetRevision: string
  readonly destinationNamespace: string
  headRevision: string
  revision: string
  sync: SyncStatus
  health: HealthStatus
  healthMessage = ''
  readonly resources: Resource[]
  readonly history: HistoryEntry[] = []
  operation?: Operation
  afterSync: Frame[]
  /** The frames still to play, first next. */
  script: Frame[]
  /** Bumped on every change: metadata.resourceVersion. */
  version = 1
  /** How many observations have been answered. */
  observations = 0
  readonly createdAt: number

  constructor(
    seed: AppSeed,
    private readonly now: () => number,
  ) {
    this.name = seed.name
    this.project = seed.project ?? 'default'
    this.labels = { ...seed.labels }
    this.annotations = { ...seed.annotations }
    if (seed.wave !== undefined) {
      this.annotations['argocd.argoproj.io/sync-wave'] = String(seed.wave)
    }
    this.automated = seed.automated ?? false
    this.repoURL =
      seed.repoURL ?? 'https://github.com/example-org/cortex-gitops.git'
    this.path = seed.path ?? `apps/${seed.name}`
    this.targetRevision = seed.targetRevision ?? 'main'
    this.destinationNamespace = seed.destinationNamespace ?? seed.name
    this.revision = seed.revision ?? 'a'.repeat(40)
    this.headRevision = seed.headRevision ?? this.revision
    this.sync = seed.sync ?? 'Synced'
    this.health = seed.health ?? 'Healthy'
    this.createdAt = now()
    const seeds = seed.resources ?? [{ kind: 'Deployment', name: seed.name }]
    this.resources = seeds.map((r) => this.resource(r))
    this.afterSync = seed.afterSync ?? rollout()
    this.script = [...(seed.timeline ?? [])]
    this.history.push({
      id: 0,
      revision: this.revision,
      deployStartedAt: this.createdAt,
      deployedAt: this.createdAt,
    })
  }

  private resource(seed: ResourceSeed): Resource {
    return {
      group: seed.group ?? (workloadKinds.has(seed.kind) ? 'apps' : ''),
      version: seed.version ?? 'v1',
      kind: seed.kind,
      namespace: seed.namespace ?? this.destinationNamespace,
      name: seed.name,
      health: seed.health ?? this.health,
      message: seed.message ?? '',
      sync: seed.sync ?? this.sync,
    }
  }

  /** Replaces the frames still to play. */
  play(frames: Frame[]): void {
    this.script = [...frames]
  }

  /** Applies the next frame of the script; false when none is left. */
  step(): boolean {
    const frame = this.script.shift()
    if (!frame) return false
    this.apply(frame)
    return true
  }

  /** @internal An observation: counts it, and steps when `stepping`. */
  observe(stepping: boolean): void {
    this.observations += 1
    if (stepping) this.step()
  }

  /** Applies one frame now, whatever the script says. */
  apply(frame: Frame): void {
    const op = this.operation
    if (frame.sync !== undefined) {
      this.sync = frame.sync
      if (frame.sync === 'Synced' && frame.revision === undefined && op) {
        this.revision = op.revision
      }
    }
    if (frame.revision !== undefined) this.revision = frame.revision
    if (frame.health !== undefined) this.health = frame.health
    if (frame.healthMessage !== undefined) {
      this.healthMessage = frame.healthMessage
    }
    if (frame.allResources) {
      for (const r of this.resources) change(r, frame.allResources)
    }
    for (const [key, c] of Object.entries(frame.resources ?? {})) {
      const found = this.resources.filter(
        (r) => r.name === key || `${r.kind}/${r.name}` === key,
      )
      if (found.length === 0) {
        throw new Error(`frame names no resource of ${this.name}: ${key}`)
      }
      for (const r of found) change(r, c)
    }
    if (op && frame.operationMessage !== undefined) {
      op.message = frame.operationMessage
    }
    if (op && frame.phase !== undefined && op.phase === 'Running') {
      op.phase = frame.phase
      if (frame.phase !== 'Running') op.finishedAt = this.now()
      if (frame.phase === 'Succeeded') this.record(op)
    }
    this.version += 1
  }

  private record(op: Operation): void {
    const last = this.history.at(-1)
    this.history.push({
      id: (last?.id ?? -1) + 1,
      revision: op.revision,
      deployStartedAt: op.startedAt,
      deployedAt: this.now(),
    })
    if (this.history.length > HISTORY_LIMIT) this.history.shift()
  }

  /** Starts a sync to `revision` (the head revision when empty). */
  startSync(revision: string | undefined, prune: boolean): void {
    this.refuseWhileRunning()
    this.start({ kind: 'sync', revision: revision || this.headRevision, prune })
  }

  /** Starts a rollback to the deployment with history id `id`. */
  startRollback(id: number, prune: boolean): void {
    if (this.automated) {
      throw new OperationRefused(
        'rollback cannot be initiated when auto-sync is enabled',
      )
    }
    this.refuseWhileRunning()
    const entry = this.history.find((h) => h.id === id)
    if (!entry) {
      throw new OperationRefused(
        `application ${this.name} does not have deployment with id ${id}`,
      )
    }
    this.start({
      kind: 'rollback',
      revision: entry.revision,
      prune,
      rollbackTo: id,
    })
  }

  private refuseWhileRunning(): void {
    if (this.operation?.phase === 'Running') {
      throw new OperationRefused('another operation is already in progress')
    }
  }

  private start(
    fields: Pick<Operation, 'kind' | 'revision' | 'prune' | 'rollbackTo'>,
  ): void {
    this.operation = {
      ...fields,
      phase: 'Running',
      message: 'one or more tasks are running',
      startedAt: this.now(),
    }
    if (this.revision !== fields.revision) {
      this.sync = 'OutOfSync'
      for (const r of this.resources) r.sync = 'OutOfSync'
    }
    this.script = [...this.afterSync]
    this.version += 1
  }
}

function change(r: Resource, c: ResourceChange): void {
  if (c.health !== undefined) r.health = c.health
  if (c.message !== undefined) r.message = c.message
  if (c.sync !== undefined) r.sync = c.sync
}
