// The JSON the stand-in answers with, in the shape of Argo CD's v1alpha1
// Application, ApplicationList and ManagedResourcesResponse (field names
// from argoproj/argo-cd server/application/application.proto and the
// v1alpha1 types), holding only the fields the stages read.
import { createHash } from 'node:crypto'
import type { AppState, Operation, Resource } from './app-state.js'

type Json = Record<string, unknown>

// A stable uid per name, shaped like Kubernetes' (a UUID).
function uid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex')
  return [8, 4, 4, 4, 12]
    .reduce<[string[], number]>(
      ([parts, at], n) => [[...parts, hex.slice(at, at + n)], at + n],
      [[], 0],
    )[0]
    .join('-')
}

// Kubernetes writes times as RFC 3339 at second precision.
const time = (ms: number): string =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

function source(app: AppState): Json {
  return {
    repoURL: app.repoURL,
    path: app.path,
    targetRevision: app.targetRevision,
  }
}

function destination(app: AppState): Json {
  return {
    server: 'https://kubernetes.default.svc',
    namespace: app.destinationNamespace,
  }
}

function health(status: string, message: string): Json {
  return message === '' ? { status } : { status, message }
}

function resourceStatus(r: Resource): Json {
  return {
    group: r.group,
    version: r.version,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    status: r.sync,
    health: health(r.health, r.message),
  }
}

function operation(op: Operation): Json {
  return {
    sync: {
      revision: op.revision,
      prune: op.prune,
      syncStrategy: { hook: {} },
    },
    initiatedBy: { username: 'admin' },
    retry: {},
    ...(op.rollbackTo === undefined
      ? {}
      : { info: [{ name: 'Rollback', value: String(op.rollbackTo) }] }),
  }
}

function operationState(app: AppState, op: Operation): Json {
  const done = op.phase !== 'Running'
  return {
    operation: operation(op),
    phase: op.phase,
    message: op.message,
    startedAt: time(op.startedAt),
    ...(op.finishedAt === undefined ? {} : { finishedAt: time(op.finishedAt) }),
    ...(done
      ? {
          syncResult: {
            revision: op.revision,
            source: source(app),
            resources: app.resources.map((r) => ({
              group: r.group,
              version: r.version,
              kind: r.kind,
              namespace: r.namespace,
              name: r.name,
              status: op.phase === 'Succeeded' ? 'Synced' : 'SyncFailed',
              message:
                op.phase === 'Succeeded'
                  ? `${r.kind.toLowerCase()}.${r.group || 'core'}/${r.name} configured`
                  : op.message,
              syncPhase: 'Sync',
            })),
          },
        }
      : {}),
  }
}

/** One Application, as GET /api/v1/applications/:name answers it. */
export function applicationJson(app: AppState): Json {
  const op = app.operation
  const running = op?.phase === 'Running'
  return {
    metadata: {
      name: app.name,
      namespace: 'argocd',
      uid: uid(app.name),
      resourceVersion: String(app.version),
      generation: app.version,
      creationTimestamp: time(app.createdAt),
      labels: app.labels,
      annotations: app.annotations,
    },
    spec: {
      project: app.project,
      source: source(app),
      destination: destination(app),
      syncPolicy: {
        ...(app.automated
          ? { automated: { prune: true, selfHeal: true } }
          : {}),
        syncOptions: ['CreateNamespace=true'],
      },
    },
    ...(running && op ? { operation: operation(op) } : {}),
    status: {
      resources: app.resources.map(resourceStatus),
      sync: {
        status: app.sync,
        comparedTo: { source: source(app), destination: destination(app) },
        revision: app.revision,
      },
      health: health(app.health, app.healthMessage),
      history: app.history.map((h) => ({
        id: h.id,
        revision: h.revision,
        deployStartedAt: time(h.deployStartedAt),
        deployedAt: time(h.deployedAt),
        source: source(app),
        initiatedBy: { username: 'admin' },
      })),
      reconciledAt: time(app.createdAt),
      ...(op ? { operationState: operationState(app, op) } : {}),
      sourceType: 'Directory',
      summary: {},
      controllerNamespace: 'argocd',
    },
  }
}

/** GET /api/v1/applications: an ApplicationList. */
export function applicationListJson(apps: AppState[], version: number): Json {
  return {
    metadata: { resourceVersion: String(version) },
    items: apps.map(applicationJson),
  }
}

/** GET /api/v1/applications/:name/managed-resources: target and live states. */
export function managedResourcesJson(app: AppState): Json {
  return {
    items: app.resources.map((r) => {
      const manifest = (revision: string): string =>
        JSON.stringify({
          apiVersion: r.group === '' ? r.version : `${r.group}/${r.version}`,
          kind: r.kind,
          metadata: {
            name: r.name,
            namespace: r.namespace,
            labels: { 'app.kubernetes.io/instance': app.name },
            annotations: { 'cortex.example.org/revision': revision },
          },
        })
      const live = manifest(app.revision)
      return {
        group: r.group,
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        targetState: manifest(app.operation?.revision ?? app.revision),
        liveState: live,
        normalizedLiveState: live,
        predictedLiveState: live,
        hook: false,
        modified: r.sync === 'OutOfSync',
        resourceVersion: String(app.version),
      }
    }),
  }
}
