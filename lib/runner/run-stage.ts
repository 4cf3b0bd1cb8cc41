import * as core from '@actions/core'
import { ConfigError, errorMessage } from './config-error.js'

/**
 * The one handler every stage's entry uses: runs the stage and calls
 * setFailed once. A configuration error is reported as the user's to fix; any
 * other error by its message, with the stack at debug level only.
 */
export async function runStage(stage: () => Promise<void>): Promise<void> {
  try {
    await stage()
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      core.setFailed(`Configuration error: ${error.message}`)
      return
    }
    if (error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(errorMessage(error))
  }
}
