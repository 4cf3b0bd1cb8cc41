// What an Application says about itself, read from its JSON without
// trusting its shape: sync and health, the revision it is at, the last
// operation, the resources that are Degraded, its sync wave and policy.
// Field names are those of argoproj.io/v1alpha1 Application.
import type { Application } from './types.js'

/** A resource whose health is Degraded, with what it says. */
export interface DegradedResource {
  kind: string
  name: string
  namespace?: string
  /** The resource's health message; empty when it gives none. */
  message: string
}

/** The application's current or last operation (a sync or a rollback). */
export interface OperationStatus {
  /** Running, Terminating, Succeeded, Failed or Error. */
  phase: string
  message: string
  /** The revision(s) it syncs to: one, or one per source. */
  revisions: string[]
}

/** An application's state, as a wait reads it. */
export interface AppStatus {
  name: string
  /** status.sync.status: Synced, OutOfSync or Unknown. */
  sync: string
  /**
   * The revision compared against: status.sync.revision, or for an
   * application of several sources status.sync.revisions.
   */
  revisions: string[]
  multiSource: boolean
  /** status.health.status: Healthy, Progressing, Degraded, Suspended, Missing or Unknown. */
  health: string
  healthMessage: string
  operation?: OperationStatus
  degraded: DegradedResource[]
  automated: boolean
}

/** The annotation that orders applications (and resources) in waves. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave'

/** Reads an application's state; a missing field reads as Unknown or empty. */
export function appStatus(app: Application): AppStatus {
  const revisions = texts(at(app, 'status', 'sync', 'revisions'))
  const single = text(at(app, 'status', 'sync', 'revision'))
  const multiSource =
    revisions.length > 0 || Array.isArray(at(app, 'spec', 'sources'))
  const operation = operationStatus(app)
  return {
    name: text(at(app, 'metadata', 'name')),
    sync: text(at(app, 'status', 'sync', 'status')) || 'Unknown',
    revisions: revisions.length > 0 ? revisions : single ? [single] : [],
    multiSource,
    health: text(at(app, 'status', 'health', 'status')) || 'Unknown',
    healthMessage: text(at(app, 'status', 'health', 'message')),
    ...(operation === undefined ? {} : { operation }),
    degraded: degradedResources(app),
    automated: isAutomated(app),
  }
}

/**
 * The operation in flight or last run. A requested operation the
 * controller has not started yet (`operation` set, `operationState` still
 * the last one's) counts as Running: the old state says nothing of it.
 */
export function operationStatus(app: Application): OperationStatus | undefined {
  const requested = at(app, 'operation')
  const state = at(app, 'status', 'operationState')
  const stateRevisions = operationRevisions(at(state, 'operation'))
  if (isObject(requested)) {
    const revisions = operationRevisions(requested)
    const same =
      text(at(state, 'phase')) === 'Running' &&
      sameList(stateRevisions, revisions)
    if (!same) {
      return { phase: 'Running', message: 'waiting to start', revisions }
    }
  }
  if (!isObject(state)) return undefined
  const result = [
    ...texts(at(state, 'syncResult', 'revisions')),
    ...texts([at(state, 'syncResult', 'revision')]),
  ]
  return {
    phase: text(at(state, 'phase')) || 'Unknown',
    message: text(at(state, 'message')),
    revisions: stateRevisions.length > 0 ? stateRevisions : result,
  }
}

/** The revision a sync's answer says it syncs to (the first source's). */
export function operationRevision(app: Application): string | undefined {
  return operationStatus(app)?.revisions[0]
}

/** Whether Argo CD syncs the application itself (spec.syncPolicy.automated). */
export function isAutomated(app: Application): boolean {
  const automated = at(app, 'spec', 'syncPolicy', 'automated')
  // Argo CD 3 can keep the block and switch it off with `enabled: false`.
  return isObject(automated) && automated.enabled !== false
}

/**
 * The application's sync wave: its annotation as a whole number, 0 when
 * absent. Anything else throws, naming the application and the value.
 */
export function syncWave(app: Application): number {
  const value = at(app, 'metadata', 'annotations', SYNC_WAVE_ANNOTATION)
  if (value === undefined || value === null) return 0
  const raw = typeof value === 'string' ? value.trim() : JSON.stringify(value)
  if (raw === '') return 0
  // Argo CD reads it with Go's strconv.Atoi: an optional sign and digits.
  if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
    const name = text(at(app, 'metadata', 'name')) || '(unnamed)'
    throw new Error(
      `application ${name}: annotation ${SYNC_WAVE_ANNOTATION} is ${JSON.stringify(raw)}, not a whole number`,
    )
  }
  return Number(raw)
}

function degradedResources(app: Application): DegradedResource[] {
  const resources = at(app, 'status', 'resources')
  if (!Array.isArray(resources)) return []
  return resources
    .filter((r) => text(at(r, 'health', 'status')) === 'Degraded')
    .map((r) => {
      const namespace = text(at(r, 'namespace'))
      return {
        kind: text(at(r, 'kind')),
        name: text(at(r, 'name')),
        ...(namespace === '' ? {} : { namespace }),
        message: text(at(r, 'health', 'message')),
      }
    })
}

function operationRevisions(operation: unknown): string[] {
  const many = texts(at(operation, 'sync', 'revisions'))
  if (many.length > 0) return many
  const one = text(at(operation, 'sync', 'revision'))
  return one === '' ? [] : [one]
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function at(value: unknown, ...path: string[]): unknown {
  let here = value
  for (const key of path) {
    if (!isObject(here)) return undefined
    here = here[key]
  }
  return here
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function texts(value: unknown): string[] {
  if (!Array.isArray(value)) return []
  return value.filter((v): v is string => typeof v === 'string' && v !== '')
}
