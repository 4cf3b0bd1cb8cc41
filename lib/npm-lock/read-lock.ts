import { readFileSync } from 'node:fs'
import { ConfigError } from '../runner/index.js'
import type { NpmLock } from './lock-file.js'
import { LockFileError, parseLock } from './lock-file.js'

/**
 * Reads the lock a stage's input names. A missing or unusable lock is the
 * user's to fix, so it is a ConfigError on that input: `value` is the path
 * as written, `file` where it was looked for.
 */
export function readLockInput(
  input: string,
  value: string,
  file: string,
): NpmLock {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new ConfigError(
      input,
      value,
      `a package-lock.json (lockfileVersion 2 or 3) that exists: none at ${file}`,
    )
  }
  try {
    return parseLock(text)
  } catch (error: unknown) {
    if (!(error instanceof LockFileError)) throw error
    throw new ConfigError(
      input,
      value,
      `a package-lock.json of lockfileVersion 2 or 3, but ${error.message}`,
    )
  }
}
