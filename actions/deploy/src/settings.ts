// Every input of deploy, read once and checked: a bad one is a ConfigError
// naming the input, the value and what was expected.
import { tmpdir } from 'node:os'
import { resolve } from 'node:path'
import { isCommitRevision } from '../../../lib/argocd/index.js'
import {
  readArgoCdConnection,
  readSelection,
  type ArgoCdConnection,
  type Selection,
} from '../../../lib/argocd-stage/index.js'
import {
  readWaitSettings,
  type WaitSettings,
} from '../../../lib/health/index.js'
import {
  ConfigError,
  booleanInput,
  durationInput,
  optionalInput,
} from '../../../lib/runner/index.js'

export type { Selection } from '../../../lib/argocd-stage/index.js'

/** Every input of deploy, read and checked. */
export interface DeploySettings extends ArgoCdConnection {
  readonly selection: Selection
  /** The commit to sync to; each application's target revision when absent. */
  readonly revision?: string
  readonly prune: boolean
  readonly settleMs: number
  readonly degradedGraceMs: number
  readonly wait: WaitSettings
  readonly dryRun: boolean
  /** Where the backup of the state before the deploy is written. */
  readonly backupFile: string
}

/** The backup file's name in RUNNER_TEMP when `backup-file` is empty. */
export const DEFAULT_BACKUP_FILE = 'cortex-deploy-backup.json'

/**
 * Reads and checks every input; throws ConfigError on the first bad one.
 * A relative path is the workspace's; the backup goes to `runnerTemp`.
 */
export function readSettings(
  workspace?: string,
  runnerTemp?: string,
): DeploySettings {
  const connection = readArgoCdConnection(
    'get and sync the applications',
    workspace,
  )
  const revision = optionalInput('revision')
  if (revision !== undefined && !isCommitRevision(revision)) {
    throw new ConfigError(
      'revision',
      revision,
      'a commit SHA, 7 to 40 hex characters (a branch or tag would leave nothing to compare the synced revision with)',
    )
  }
  const backupFile = optionalInput('backup-file')
  return {
    ...connection,
    selection: readSelection({ verb: 'deploy' }),
    ...(revision === undefined ? {} : { revision }),
    prune: booleanInput('prune', false),
    settleMs: durationInput('settle', 0),
    degradedGraceMs: durationInput('degraded-grace', 30_000),
    wait: readWaitSettings(),
    dryRun: booleanInput('dry-run', false),
    backupFile:
      backupFile === undefined
        ? resolve(runnerTemp ?? tmpdir(), DEFAULT_BACKUP_FILE)
        : resolve(workspace ?? process.cwd(), backupFile),
  }
}
