// An Argo CD application as a health check: healthy once it is Synced at
// the expected revision with health Healthy (held for a settle period when
// asked), failing fast when waiting cannot help: Degraded at that revision
// past a grace period, a failed sync of it, a token refused.
import type { HealthCheck } from '../health/index.js'
import {
  done,
  failFast,
  formatDuration,
  retryWith,
  type AttemptOutcome,
  type Clock,
} from '../retry/index.js'
import {
  appStatus,
  type AppStatus,
  type DegradedResource,
} from './app-status.js'
import { ArgoCdError } from './errors.js'
import { revisionMatches, shortRevision } from './revision.js'
import type { Application } from './types.js'

/** What `appCheck` needs of a client: reading one application. */
export interface ApplicationReader {
  getApplication(name: string, signal?: AbortSignal): Promise<Application>
}

/** How one application is waited on. */
export interface AppCheckOptions {
  /** The application's name. */
  name: string
  /**
   * The revision it must be synced at: a commit by its full SHA or an
   * abbreviation of at least 7 hex digits; anything else (a Helm chart's
   * version) exactly. For an application of several sources, any source's
   * revision counts. Any revision does when absent.
   */
  expectedRevision?: string
  /** How long it must stay healthy before it counts; 0 or absent: at once. */
  settleMs?: number
  /** How long it may be Degraded at the expected revision (default 30 s). */
  degradedGraceMs?: number
  clock: Clock
}

/** How long an application may be Degraded at the expected revision: 30 s. */
export const defaultDegradedGraceMs = 30_000

/**
 * A health check named `argocd/<app>`. Done carries the revision the
 * application is at; its status reads "Synced at 1a2b3c4, Healthy".
 */
export function appCheck(
  client: ApplicationReader,
  options: AppCheckOptions,
): HealthCheck {
  const { name, expectedRevision: expected, clock } = options
  if (expected?.trim() === '') {
    throw new RangeError(`expected revision of ${name} is empty`)
  }
  const settleMs = options.settleMs ?? 0
  const graceMs = options.degradedGraceMs ?? defaultDegradedGraceMs
  // Kept between attempts: since when each state has held.
  let degradedSince: number | undefined
  let healthySince: number | undefined

  const judge = (st: AppStatus, now: number): AttemptOutcome<string> => {
    const seen = readRevision(st, expected)
    const status = describe(st, seen, expected)
    const op = st.operation
    const running = op?.phase === 'Running' || op?.phase === 'Terminating'
    const opForExpected =
      expected !== undefined &&
      op !== undefined &&
      op.revisions.some((r) => revisionMatches(r, expected))
    if (opForExpected && (op.phase === 'Failed' || op.phase === 'Error')) {
      const said = op.message === '' ? '' : `: ${op.message}`
      return failFast(
        `sync to ${shortRevision(expected)} ${op.phase}${said} (${status})`,
      )
    }
    // Synced at the revision, or synced to it by a finished operation while
    // something drifted since: either way its pods run that revision.
    const applied =
      seen.atExpected &&
      (st.sync === 'Synced' || (opForExpected && op.phase === 'Succeeded'))
    if (applied && st.health === 'Degraded') {
      // A Degraded reading breaks the settle period, grace or not: a
      // crash-looping app flaps between Healthy and Degraded.
      healthySince = undefined
      degradedSince ??= now
      const degradedFor = now - degradedSince
      if (degradedFor >= graceMs) {
        const lasting =
          degradedFor > 0 ? ` for ${formatDuration(degradedFor)}` : ''
        return failFast(`${status}${lasting}: ${whyDegraded(st)}`)
      }
      return retryWith(
        `${status} (${formatDuration(graceMs - degradedFor)} of grace left)`,
      )
    }
    degradedSince = undefined
    const healthy =
      seen.atExpected &&
      st.sync === 'Synced' &&
      st.health === 'Healthy' &&
      !running
    if (!healthy) {
      healthySince = undefined
      return retryWith(status)
    }
    if (settleMs <= 0) return done(seen.revision, status)
    healthySince ??= now
    const held = now - healthySince
    if (held >= settleMs) {
      return done(seen.revision, `${status}, held ${formatDuration(held)}`)
    }
    const left = settleMs - held
    return retryWith(`${status}, settling: ${formatDuration(left)} left`, left)
  }

  return {
    kind: 'argocd',
    name: `argocd/${name}`,
    async attempt(_n, signal) {
      let app: Application
      try {
        app = await client.getApplication(name, signal)
      } catch (error: unknown) {
        // A timeout or a cancelled run: the retry loop reads the signal.
        if (signal.aborted || !(error instanceof ArgoCdError)) throw error
        return error.transient
          ? retryWith(error.message)
          : failFast(error.message)
      }
      return judge(appStatus(app), clock.now())
    },
  }
}

interface SeenRevision {
  /** The revision reported, the matching one when several are. */
  revision: string
  atExpected: boolean
}

function readRevision(st: AppStatus, expected?: string): SeenRevision {
  const first = st.revisions[0] ?? ''
  if (expected === undefined) return { revision: first, atExpected: true }
  const match = st.revisions.find((r) => revisionMatches(r, expected))
  return match === undefined
    ? { revision: first, atExpected: false }
    : { revision: match, atExpected: true }
}

// "Synced at 1a2b3c4, Progressing", "OutOfSync, at 1a2b3c4 waiting for
// 9f8e7d6": the status a log line and the report show for an attempt.
function describe(
  st: AppStatus,
  seen: SeenRevision,
  expected?: string,
): string {
  const op = st.operation
  const running =
    op?.phase === 'Running' || op?.phase === 'Terminating'
      ? `, sync ${op.phase}`
      : ''
  const shown = st.revisions.map(shortRevision).join('/')
  if (!seen.atExpected && expected !== undefined) {
    const where = shown === '' ? 'no revision yet' : `at ${shown}`
    return `${st.sync}, ${where} waiting for ${shortRevision(expected)}${running}`
  }
  const rev = seen.revision === '' ? '' : ` at ${shortRevision(seen.revision)}`
  return `${st.sync}${rev}, ${st.health}${running}`
}

// "Deployment/api: Back-off restarting failed container; Service/api: …"
function whyDegraded(st: AppStatus): string {
  if (st.degraded.length === 0) {
    return st.healthMessage || 'no resource says why'
  }
  return st.degraded.map(resourceLine).join('; ')
}

function resourceLine(r: DegradedResource): string {
  const what = `${r.kind}/${r.name}`
  return r.message === '' ? what : `${what}: ${r.message}`
}
