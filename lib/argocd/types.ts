// The Argo CD API's answers as this library receives them: parsed JSON,
// read field by field (./app-status.ts), never trusted to have a shape.

/** An Application (argoproj.io/v1alpha1) as the API answers it. */
export type Application = Readonly<Record<string, unknown>>

/** One resource of GET /api/v1/applications/:name/managed-resources. */
export interface ManagedResource {
  group: string
  kind: string
  namespace: string
  name: string
  /** The manifest Argo CD would apply, as JSON text; absent when none. */
  targetState?: string
  /** The object in the cluster, as JSON text; absent when it is missing. */
  liveState?: string
  /** The live object differs from the target. */
  modified: boolean
}
