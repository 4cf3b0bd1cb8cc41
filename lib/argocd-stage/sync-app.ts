// Starts the sync of one application, tried again with back-off when the
// request fails in a way that may pass, and reads the revision the sync
// operation reports, which is what the wait then expects.
import {
  ArgoCdError,
  operationRevision,
  operationStatus,
  revisionMatches,
  type ArgoCdClient,
} from '../argocd/index.js'
import { done, retryWith, type AttemptOutcome } from '../retry/index.js'
import { withRetry, type RetryDeps } from './request-retry.js'

/** How one application is synced. */
export interface SyncRequest {
  name: string
  /** The commit to sync to; the application's target revision when absent. */
  revision?: string
  prune: boolean
}

/** A sync that Argo CD accepted. */
export interface SyncStarted {
  /** The revision the operation syncs to, as Argo CD reports it. */
  revision?: string
}

/**
 * Asks Argo CD to sync, retrying 5xx, dropped connections and "another
 * operation is already in progress". Rejects with one sentence when it
 * gives up.
 */
export function syncApp(
  client: ArgoCdClient,
  sync: SyncRequest,
  deps: RetryDeps,
): Promise<SyncStarted> {
  const options = {
    ...(sync.revision === undefined ? {} : { revision: sync.revision }),
    prune: sync.prune,
  }
  return withRetry(
    `sync ${sync.name}`,
    async (signal): Promise<AttemptOutcome<SyncStarted>> => {
      try {
        const app = await client.sync(sync.name, options, signal)
        return done(started(operationRevision(app) ?? sync.revision))
      } catch (error: unknown) {
        if (!(error instanceof ArgoCdError) || error.kind !== 'busy') {
          throw error
        }
        return ownSyncRunning(client, sync, error, signal)
      }
    },
    deps,
  )
}

// A sync answered 5xx by a proxy may have started all the same, and its
// retry then meets it running. When the running operation is a sync to
// the very revision asked for, it is taken as this one; anything else is
// waited out.
async function ownSyncRunning(
  client: ArgoCdClient,
  sync: SyncRequest,
  busy: ArgoCdError,
  signal: AbortSignal,
): Promise<AttemptOutcome<SyncStarted>> {
  const expected = sync.revision
  if (expected === undefined) return retryWith(busy.message)
  const op = operationStatus(await client.getApplication(sync.name, signal))
  const ours =
    op?.phase === 'Running' &&
    op.revisions.some((r) => revisionMatches(r, expected))
  return ours ? done(started(expected)) : retryWith(busy.message)
}

function started(revision: string | undefined): SyncStarted {
  return revision === undefined || revision === '' ? {} : { revision }
}
