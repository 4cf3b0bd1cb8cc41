// The backup as a file, for actions/upload-artifact to keep beyond the job:
// written before any sync, so it exists whatever happens next.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Backup } from '../../../lib/argocd-stage/index.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'

/** Writes `backup` to `file` as JSON, making its folder; a failure names the input. */
export function writeBackupFile(file: string, backup: Backup): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(backup, null, 2)}\n`)
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code
    // Nothing is synced without a backup to return to.
    throw new ConfigError(
      'backup-file',
      file,
      `a file that can be written (${code ?? errorMessage(error)}); nothing was synced`,
    )
  }
}
