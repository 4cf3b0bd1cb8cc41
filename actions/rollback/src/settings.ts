// Every input of rollback, read once and checked: a bad one is a
// ConfigError naming the input, the value and what was expected.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  BackupError,
  parseBackup,
  readArgoCdConnection,
  type ArgoCdConnection,
  type Backup,
} from '../../../lib/argocd-stage/index.js'
import {
  readWaitSettings,
  type WaitSettings,
} from '../../../lib/health/index.js'
import {
  ConfigError,
  booleanInput,
  choiceInput,
  durationInput,
  errorMessage,
  insidePath,
  integerInput,
  lineListInput,
  optionalInput,
  secretInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'

/** How applications are returned to their recorded state. */
export type RollbackMode = 'gitops' | 'argocd-history'

/** The GitOps repository's side, in gitops mode. */
export interface GitSettings {
  /** The checkout of the repository Argo CD reads. */
  readonly workingDirectory: string
  /** The branch Argo CD follows; the checked-out one when absent. */
  readonly branch?: string
  readonly remote: string
  /** Masked as soon as it is read. */
  readonly token?: string
  readonly pushRetries: number
  readonly userName: string
  readonly userEmail: string
  /** More paths of the manifest change, from the repository's top. */
  readonly paths: readonly string[]
}

/** Every input of rollback, read and checked. */
export interface RollbackSettings extends ArgoCdConnection {
  readonly backup: Backup
  /** The applications to return, all recorded in the backup. */
  readonly applications: readonly string[]
  readonly mode: RollbackMode
  /** Why the rollback runs: the failure that started it. */
  readonly reason?: string
  /** Present in gitops mode. */
  readonly git?: GitSettings
  readonly prune: boolean
  readonly settleMs: number
  readonly degradedGraceMs: number
  readonly wait: WaitSettings
  readonly dryRun: boolean
}

const MODES: readonly RollbackMode[] = ['gitops', 'argocd-history']

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(workspace?: string): RollbackSettings {
  const connection = readArgoCdConnection(
    'get, sync and roll back the applications',
    workspace,
  )
  const backup = readBackup(workspace)
  const mode = choiceInput('mode', MODES, 'gitops')
  const reason = optionalInput('reason')
  return {
    ...connection,
    backup,
    applications: readApplications(backup),
    mode,
    ...(reason === undefined ? {} : { reason }),
    ...(mode === 'gitops' ? { git: readGit(workspace) } : {}),
    prune: booleanInput('prune', false),
    settleMs: durationInput('settle', 0),
    degradedGraceMs: durationInput('degraded-grace', 30_000),
    wait: readWaitSettings(),
    dryRun: booleanInput('dry-run', false),
  }
}

function readBackup(workspace?: string): Backup {
  const json = optionalInput('previous-revisions')
  const file = optionalInput('backup-file')
  if (json !== undefined && file !== undefined) {
    throw new ConfigError(
      'backup-file',
      file,
      'no backup file when previous-revisions is given: one or the other',
    )
  }
  if (json !== undefined) {
    try {
      return parseBackup(json)
    } catch (error: unknown) {
      throw new ConfigError(
        'previous-revisions',
        json,
        `the previous-revisions output of deploy (${errorMessage(error)})`,
      )
    }
  }
  if (file === undefined) {
    throw new ConfigError(
      'previous-revisions',
      '',
      "deploy's previous-revisions output, or a backup-file it wrote",
    )
  }
  let text: string
  try {
    text = readFileSync(resolve(workspace ?? process.cwd(), file), 'utf8')
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ConfigError(
      'backup-file',
      file,
      `a backup file deploy wrote, readable (${code ?? errorMessage(error)})`,
    )
  }
  try {
    return parseBackup(text)
  } catch (error: unknown) {
    if (!(error instanceof BackupError)) throw error
    throw new ConfigError(
      'backup-file',
      file,
      `a backup file deploy wrote (${error.message})`,
    )
  }
}

function readApplications(backup: Backup): string[] {
  const recorded = backup.applications.map((a) => a.name)
  const names = lineListInput('applications')
  const unknown = names.find((name) => !recorded.includes(name))
  if (unknown !== undefined) {
    throw new ConfigError(
      'applications',
      unknown,
      `applications recorded in the backup, one a line: ${recorded.join(', ')}`,
    )
  }
  return names.length === 0 ? recorded : [...new Set(names)]
}

function readGit(workspace?: string): GitSettings {
  // Masked before anything can print it.
  const token = secretInput('token')
  const branch = optionalInput('branch')?.replace(/^refs\/heads\//, '')
  if (branch !== undefined && !/^[\w./-]+$/.test(branch)) {
    throw new ConfigError('branch', branch, 'a git branch name')
  }
  return {
    workingDirectory: workingDirectoryInput(workspace),
    ...(branch === undefined ? {} : { branch }),
    remote: optionalInput('remote') ?? 'origin',
    ...(token === undefined ? {} : { token }),
    pushRetries: integerInput('push-retries', 3, 0, 20),
    userName: optionalInput('git-user-name') ?? 'github-actions[bot]',
    userEmail:
      optionalInput('git-user-email') ??
      '41898282+github-actions[bot]@users.noreply.github.com',
    paths: lineListInput('paths').map((p) => insidePath('paths', p)),
  }
}
