// A small typed client for the Argo CD API stand-in's own tests, with the
// Cortex applications of examples/platform/argocd/production as the seed.
import { callApi, type JsonAnswer } from '../github-api/fetch-json.js'
import { expect } from '@jest/globals'
import { startArgoCdApi } from './server.js'
import type { ArgoCdApi } from './server.js'
import type { AppSeed } from './types.js'

/** Revisions as update-manifests would push them to the GitOps repository. */
export const OLD = '1'.repeat(40)
/** The revision a sync asks for. */
export const NEW = '2'.repeat(40)

/** The Cortex applications, their waves and projects as in examples/platform. */
export const cortexApps: AppSeed[] = [
  { name: 'cortex-monitoring', project: 'cortex', wave: 0, revision: OLD },
  { name: 'cortex-dashboard', project: 'cortex', wave: 1, revision: OLD },
  {
    name: 'mcp-n8n-workflow',
    project: 'cortex',
    wave: 2,
    revision: OLD,
    labels: { 'cortex.example.org/env': 'production' },
    resources: [
      { kind: 'Deployment', name: 'mcp-n8n-workflow' },
      { kind: 'Service', name: 'mcp-n8n-workflow', group: '' },
    ],
  },
  { name: 'guestbook', revision: OLD, automated: true },
]

/** The parts of an Application the tests read. */
export interface AppJson {
  metadata: Record<string, unknown>
  spec: { syncPolicy: { automated?: unknown } } & Record<string, unknown>
  operation?: { sync: { revision: string } }
  status: {
    sync: { status: string; revision: string }
    health: { status: string }
    history: { id: number; revision: string }[]
    resources: { kind: string; health: unknown }[]
    operationState?: {
      phase: string
      operation: { sync: { revision: string } }
      syncResult: { revision: string; resources: { status: string }[] }
    }
  }
}

/** An ApplicationList. */
export interface ListJson {
  metadata: { resourceVersion: string }
  items: AppJson[]
}

/** A ManagedResourcesResponse. */
export interface ManagedJson {
  items: {
    kind: string
    modified: boolean
    liveState: string
    targetState: string
  }[]
}

/** Calls the stand-in with its token. */
export function argoCall(
  api: ArgoCdApi,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  return callApi(api.url, method, path, body, {
    authorization: `Bearer ${api.token}`,
  })
}

/** The stand-in seeded with the Cortex applications, on a fixed clock. */
export function startCortexApi(): Promise<ArgoCdApi> {
  return startArgoCdApi({ apps: cortexApps, now: () => Date.UTC(2025, 5, 1) })
}

/** One application as the stand-in answers it; the GET must succeed. */
export async function appOf(api: ArgoCdApi, name: string): Promise<AppJson> {
  const res = await argoCall(api, 'GET', `/api/v1/applications/${name}`)
  expect(res.status).toBe(200)
  return res.body as AppJson
}

/** "sync revision health phase", revisions as OLD and NEW: what a wait reads. */
export function brief(a: AppJson): string {
  const s = a.status
  const names: Record<string, string> = { [OLD]: 'OLD', [NEW]: 'NEW' }
  return [
    s.sync.status,
    names[s.sync.revision] ?? s.sync.revision,
    s.health.status,
    s.operationState?.phase ?? '-',
  ].join(' ')
}
