// The applications to deploy, read from Argo CD: named ones, or every
// application of an AppProject (matching a label selector), each with its
// sync wave and whether Argo CD syncs it itself.
import {
  appStatus,
  isAutomated,
  syncWave,
  type Application,
  type ArgoCdClient,
} from '../../../lib/argocd/index.js'
import { errorMessage } from '../../../lib/runner/index.js'
import { request, type RetryDeps } from './argo-retry.js'
import type { Selection } from './settings.js'

/** One application to deploy. */
export interface DeployTarget {
  name: string
  wave: number
  /** Argo CD syncs it itself: waited on, never synced by this stage. */
  automated: boolean
}

/**
 * Reads the applications `selection` names. Rejects with every reason at
 * once when some cannot be read, or when a project has none.
 */
export async function readTargets(
  client: ArgoCdClient,
  selection: Selection,
  deps: RetryDeps,
): Promise<DeployTarget[]> {
  if (selection.kind === 'project') {
    const filter = {
      project: selection.project,
      ...(selection.selector === undefined
        ? {}
        : { selector: selection.selector }),
    }
    const apps = await request(
      `list project ${selection.project}`,
      (signal) => client.listApplications(filter, signal),
      deps,
    )
    if (apps.length === 0) {
      const matching =
        selection.selector === undefined
          ? ''
          : ` matching selector ${selection.selector}`
      throw new Error(
        `Argo CD shows no applications in project ${selection.project}${matching} (or the token may not see them)`,
      )
    }
    return apps.map((app) => target(app))
  }
  // Every read runs to its end, so no retry is left waiting when one fails.
  const settled = await Promise.allSettled(
    selection.names.map((name) =>
      request(
        `get ${name}`,
        (signal) => client.getApplication(name, signal),
        deps,
      ).then((app) => target(app, name)),
    ),
  )
  const failures = settled.flatMap((s) =>
    s.status === 'rejected' ? [errorMessage(s.reason)] : [],
  )
  if (failures.length > 0) throw new Error(failures.join('; '))
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
}

function target(app: Application, name = appStatus(app).name): DeployTarget {
  return {
    name,
    wave: syncWave(app),
    automated: isAutomated(app),
  }
}
