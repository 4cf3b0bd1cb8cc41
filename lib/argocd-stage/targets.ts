// The applications a stage works on, read from Argo CD: named ones, every
// application of an AppProject, or every one the token sees (narrowed by a
// label selector), each with its sync wave and whether Argo CD syncs it
// itself.
import {
  appStatus,
  isAutomated,
  syncWave,
  type Application,
  type ArgoCdClient,
} from '../argocd/index.js'
import { errorMessage } from '../runner/index.js'
import { request, type RetryDeps } from './request-retry.js'

/** Which applications: named, an AppProject's, or all the token sees. */
export type Selection =
  | { kind: 'applications'; names: readonly string[] }
  | { kind: 'project'; project: string; selector?: string }
  | { kind: 'all'; selector?: string }

/** One application to sync or wait on, as read before anything changed. */
export interface DeployTarget {
  name: string
  wave: number
  /** Argo CD syncs it itself: waited on, never synced by the stages. */
  automated: boolean
  /** The application as read. */
  app: Application
}

/**
 * Reads the applications `selection` names, in the order named. Rejects
 * with every reason at once when some cannot be read, or when a project
 * has none.
 */
export async function readApplications(
  client: ArgoCdClient,
  selection: Selection,
  deps: RetryDeps,
): Promise<Application[]> {
  if (selection.kind !== 'applications') {
    const project = selection.kind === 'project' ? selection.project : ''
    const filter = {
      ...(project === '' ? {} : { project }),
      ...(selection.selector === undefined
        ? {}
        : { selector: selection.selector }),
    }
    const apps = await request(
      project === '' ? 'list applications' : `list project ${project}`,
      (signal) => client.listApplications(filter, signal),
      deps,
    )
    if (apps.length === 0 && project !== '') {
      const matching =
        selection.selector === undefined
          ? ''
          : ` matching selector ${selection.selector}`
      throw new Error(
        `Argo CD shows no applications in project ${project}${matching} (or the token may not see them)`,
      )
    }
    return apps
  }
  // Every read runs to its end, so no retry is left waiting when one fails.
  const settled = await Promise.allSettled(
    selection.names.map((name) =>
      request(
        `get ${name}`,
        (signal) => client.getApplication(name, signal),
        deps,
      ),
    ),
  )
  const failures = settled.flatMap((s) =>
    s.status === 'rejected' ? [errorMessage(s.reason)] : [],
  )
  if (failures.length > 0) throw new Error(failures.join('; '))
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
}

/** Reads the applications as targets: wave and sync policy of each. */
export async function readTargets(
  client: ArgoCdClient,
  selection: Selection,
  deps: RetryDeps,
): Promise<DeployTarget[]> {
  const apps = await readApplications(client, selection, deps)
  const names = selection.kind === 'applications' ? selection.names : []
  return apps.map((app, i) => targetOf(app, names[i]))
}

/** An application as a target, named `name` when it was read by name. */
export function targetOf(app: Application, name?: string): DeployTarget {
  return {
    name: name ?? appStatus(app).name,
    wave: syncWave(app),
    automated: isAutomated(app),
    app,
  }
}
