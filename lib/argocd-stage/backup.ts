// The last good state of applications, as deploy records it before it
// syncs anything and rollback reads it back: per application the revision
// it runs, its sync and health, and the status.history deployment of that
// revision (what Argo CD's own rollback takes).
import {
  appStatus,
  isAutomated,
  isCommitRevision,
  revisionMatches,
  type Application,
} from '../argocd/index.js'
import { isAppName } from './inputs.js'

/** One application's recorded state. */
export interface BackupEntry {
  name: string
  /**
   * The revision its pods run: status.sync.revision when Synced, else the
   * last deployment of status.history (the compared revision of an
   * OutOfSync application is the one not yet deployed). For several
   * sources, the first that is a commit.
   */
  revision: string
  /** Every source's revision, for an application of several sources. */
  revisions?: string[]
  /** status.sync.status when recorded. */
  sync: string
  /** status.health.status when recorded. */
  health: string
  /** The status.history id of that revision's deployment, when there is one. */
  historyId?: number
  /** Argo CD synced it itself (spec.syncPolicy.automated) when recorded. */
  automated: boolean
}

/** What deploy records and rollback reads: `previous-revisions`. */
export interface Backup {
  /** The format's version, for readers of files kept as artifacts. */
  version: 1
  /** When it was recorded, RFC 3339. */
  recordedAt: string
  applications: BackupEntry[]
}

/** A backup that cannot be read; the message says what is wrong. */
export class BackupError extends Error {
  override readonly name = 'BackupError'
}

interface Deployment {
  id: number
  revisions: string[]
}

/** Records the state of `apps` as read at `now` (ms since the epoch). */
export function backupOf(apps: readonly Application[], now: number): Backup {
  return {
    version: 1,
    recordedAt: new Date(now).toISOString(),
    applications: apps.map(entryOf),
  }
}

/** What an application runs: its revision(s) and status.history deployment. */
export interface Deployed {
  /** The first that is a commit, else the first. */
  revision: string
  revisions: string[]
  historyId?: number
}

/**
 * The revision an application's pods run: status.sync.revision when
 * Synced, else the last deployment of status.history (an OutOfSync
 * application is compared with a revision not deployed yet, or was rolled
 * back to an older one), with the id of that revision's deployment.
 */
export function deployedRevision(app: Application): Deployed {
  const st = appStatus(app)
  const deployments = history(app)
  const last = deployments.at(-1)
  const current =
    st.sync === 'Synced' && st.revisions.length > 0
      ? st.revisions
      : (last?.revisions ?? st.revisions)
  const revision = current.find(isCommitRevision) ?? current[0] ?? ''
  const matching = deployments
    .filter((d) => d.revisions.some((r) => r === revision))
    .at(-1)
  // Synced at a later commit that left this application's manifests alone:
  // its last deployment runs the same manifests.
  const deployment = matching ?? (st.sync === 'Synced' ? last : undefined)
  return {
    revision,
    revisions: current,
    ...(deployment === undefined ? {} : { historyId: deployment.id }),
  }
}

function entryOf(app: Application): BackupEntry {
  const st = appStatus(app)
  const deployed = deployedRevision(app)
  return {
    name: st.name,
    revision: deployed.revision,
    ...(st.multiSource ? { revisions: deployed.revisions } : {}),
    sync: st.sync,
    health: st.health,
    ...(deployed.historyId === undefined
      ? {}
      : { historyId: deployed.historyId }),
    automated: isAutomated(app),
  }
}

/** The deployment in `backup` of application `name`. */
export function entryFor(backup: Backup, name: string): BackupEntry {
  const entry = backup.applications.find((a) => a.name === name)
  if (entry === undefined) {
    throw new BackupError(`the backup has no application ${name}`)
  }
  return entry
}

/** Whether `revision` is the recorded one, abbreviated or not. */
export function isRecorded(entry: BackupEntry, revision: string): boolean {
  return revision !== '' && revisionMatches(revision, entry.revision)
}

/** Reads a backup from its JSON; throws BackupError saying what is wrong. */
export function parseBackup(text: string): Backup {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error)
    throw new BackupError(`not JSON (${why})`)
  }
  if (!isObject(json)) throw new BackupError('not a JSON object')
  if (json.version !== 1) {
    throw new BackupError(
      `version is ${JSON.stringify(json.version)}, not 1; written by a newer deploy?`,
    )
  }
  const apps = json.applications
  if (!Array.isArray(apps) || apps.length === 0) {
    throw new BackupError('applications is not a list of at least one')
  }
  const entries = apps.map((item: unknown, i) => parseEntry(item, i))
  const names = entries.map((e) => e.name)
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice !== undefined) {
    throw new BackupError(`application ${twice} is recorded twice`)
  }
  const recordedAt = typeof json.recordedAt === 'string' ? json.recordedAt : ''
  return { version: 1, recordedAt, applications: entries }
}

function parseEntry(item: unknown, i: number): BackupEntry {
  const where = `applications[${i}]`
  if (!isObject(item)) throw new BackupError(`${where} is not an object`)
  const { name, revision, revisions, sync, health, historyId } = item
  if (typeof name !== 'string' || !isAppName(name)) {
    throw new BackupError(`${where}.name is not an application name`)
  }
  if (typeof revision !== 'string' || revision.trim() === '') {
    throw new BackupError(`${name}: revision is missing`)
  }
  if (
    historyId !== undefined &&
    (typeof historyId !== 'number' ||
      !Number.isSafeInteger(historyId) ||
      historyId < 0)
  ) {
    throw new BackupError(`${name}: historyId is not a whole number`)
  }
  const many = Array.isArray(revisions)
    ? revisions.filter((r): r is string => typeof r === 'string')
    : []
  return {
    name,
    revision,
    ...(many.length > 0 ? { revisions: many } : {}),
    sync: typeof sync === 'string' ? sync : 'Unknown',
    health: typeof health === 'string' ? health : 'Unknown',
    ...(historyId === undefined ? {} : { historyId }),
    automated: item.automated === true,
  }
}

// status.history as deployments, oldest first, as Argo CD keeps it.
function history(app: Application): Deployment[] {
  const status = app.status
  const list = isObject(status) ? status.history : undefined
  if (!Array.isArray(list)) return []
  return list.flatMap((h: unknown): Deployment[] => {
    if (!isObject(h)) return []
    const id = Number(h.id)
    if (!Number.isSafeInteger(id)) return []
    const many = Array.isArray(h.revisions)
      ? h.revisions.filter((r): r is string => typeof r === 'string')
      : []
    const one = typeof h.revision === 'string' ? [h.revision] : []
    return [{ id, revisions: many.length > 0 ? many : one }]
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
