// Catches the ConfigError a parse throws, so a table can check its input
// and message.
import { ConfigError } from '../../../lib/runner/index.js'

/** The ConfigError `fn` throws; fails the test when it throws none. */
export function configError(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}
