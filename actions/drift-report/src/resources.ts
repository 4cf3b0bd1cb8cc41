// The resources of an application that differ from Git or are unwell:
// status.resources (each resource's sync and health, as the application
// reports them) joined with the managed-resources API (whether the live
// object differs from the target).
import type { Application, ManagedResource } from '../../../lib/argocd/index.js'

/** One resource that differs or is not healthy. */
export interface DriftedResource {
  group: string
  kind: string
  namespace: string
  name: string
  /** The live object differs from the manifest in Git. */
  modified: boolean
  /** Synced or OutOfSync; empty when the application does not say. */
  sync: string
  /** Healthy, Degraded, Missing…; empty for kinds without health. */
  health: string
  /** The health message; empty when none. */
  message: string
}

/** The resources of `app` that differ (`managed`) or are not Healthy. */
export function driftedResources(
  app: Application,
  managed: readonly ManagedResource[],
): DriftedResource[] {
  const byKey = new Map<string, DriftedResource>()
  for (const r of statusResources(app)) byKey.set(keyOf(r), r)
  for (const m of managed) {
    const known = byKey.get(keyOf(m))
    byKey.set(keyOf(m), {
      group: m.group,
      kind: m.kind,
      namespace: m.namespace,
      name: m.name,
      modified: m.modified,
      sync: known?.sync ?? '',
      health: known?.health ?? '',
      message: known?.message ?? '',
    })
  }
  return [...byKey.values()].filter(
    (r) =>
      r.modified ||
      r.sync === 'OutOfSync' ||
      (r.health !== '' && r.health !== 'Healthy'),
  )
}

/** `Deployment cortex-mcp/mcp-n8n-workflow`: a resource as a person names it. */
export function resourceName(r: DriftedResource): string {
  const where = r.namespace === '' ? '' : `${r.namespace}/`
  return `${r.kind} ${where}${r.name}`
}

function keyOf(
  r: Pick<DriftedResource, 'group' | 'kind' | 'namespace' | 'name'>,
): string {
  return [r.group, r.kind, r.namespace, r.name].join('/')
}

function statusResources(app: Application): DriftedResource[] {
  const status = field(app, 'status')
  const list = field(status, 'resources')
  if (!Array.isArray(list)) return []
  return list.map((r: unknown) => ({
    group: text(field(r, 'group')),
    kind: text(field(r, 'kind')),
    namespace: text(field(r, 'namespace')),
    name: text(field(r, 'name')),
    modified: false,
    sync: text(field(r, 'status')),
    health: text(field(field(r, 'health'), 'status')),
    message: text(field(field(r, 'health'), 'message')),
  }))
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined
  }
  return (value as Record<string, unknown>)[key]
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : ''
}
