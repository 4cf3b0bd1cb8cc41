// The words of the Argo CD API the stand-in speaks, and how a test seeds
// an application and scripts what it does next. Status values are Argo
// CD's own (pkg/apis/application/v1alpha1 and gitops-engine's health).

/** status.sync.status */
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown'

/** status.health.status, of the application and of each resource. */
export type HealthStatus =
  'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown'

/** status.operationState.phase */
export type OperationPhase =
  'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating'

/** A Kubernetes object the application manages. */
export interface ResourceSeed {
  kind: string
  name: string
  /** '' for the core group; `apps` for workloads when absent. */
  group?: string
  /** 'v1' when absent. */
  version?: string
  /** The application's destination namespace when absent. */
  namespace?: string
  health?: HealthStatus
  message?: string
  sync?: SyncStatus
}

/** A change to a resource, in a frame. */
export interface ResourceChange {
  health?: HealthStatus
  /** The health message; an empty string clears it. */
  message?: string
  sync?: SyncStatus
}

/**
 * One step of an application's script: what changes at the next
 * observation (a GET of the application, by default). Fields left out stay
 * as they were; the last frame's state holds once the script is played.
 */
export interface Frame {
  sync?: SyncStatus
  /**
   * status.sync.revision. When `sync` becomes Synced without it, the
   * revision becomes the running operation's (the one asked to sync).
   */
  revision?: string
  health?: HealthStatus
  /** The application's own health message. */
  healthMessage?: string
  /** Applied to every resource first... */
  allResources?: ResourceChange
  /** ...then to the resources named here, by `name` or `Kind/name`. */
  resources?: Record<string, ResourceChange>
  /**
   * The operation's phase. Succeeded adds the operation's revision to
   * status.history; any phase but Running ends the operation.
   */
  phase?: OperationPhase
  /** status.operationState.message */
  operationMessage?: string
}

/** An application as a test sets it up. */
export interface AppSeed {
  name: string
  /** spec.project; `default` when absent. */
  project?: string
  /** Becomes the `argocd.argoproj.io/sync-wave` annotation. */
  wave?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  /** spec.syncPolicy.automated; manual sync (false) when absent. */
  automated?: boolean
  repoURL?: string
  path?: string
  /** spec.source.targetRevision; `main` when absent. */
  targetRevision?: string
  destinationNamespace?: string
  /** The revision deployed now: status.sync.revision and history id 0. */
  revision?: string
  /** What a sync without a revision deploys; `revision` when absent. */
  headRevision?: string
  sync?: SyncStatus
  health?: HealthStatus
  /** One Deployment named after the application when absent. */
  resources?: ResourceSeed[]
  /** Played after every sync or rollback; `rollout()` when absent. */
  afterSync?: Frame[]
  /** Played from the first observation on, with no sync asked for. */
  timeline?: Frame[]
}

/** When an application's script moves on by a frame. */
export type StepOn =
  /** On each GET /api/v1/applications/:name (the default). */
  | 'get'
  /** On each read that shows the application, lists included. */
  | 'read'
  /** Only when the test calls `app.step()`. */
  | 'manual'
