// Every write to the pull request goes through one guard, so a refused
// write costs a notice, never a red check (C70): once a write is refused
// with a 403 the remaining ones are skipped. Writes are only tried when
// the token should be able to make them (a fork's read-only token is known
// beforehand and tries none), so GitHub's "Resource not accessible by
// integration" then means the job lacks the permission, and that is named.
import { apiMessage, httpStatus } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { ContextError } from '../../../lib/runner/index.js'

/** The permission comments and labels on a pull request need. */
export const WRITE_PERMISSION = 'pull-requests: write'

/** Runs writes until one is refused, then skips the rest. */
export class WriteGuard {
  /** Why writes stopped; undefined while they go through. */
  skipped: string | undefined
  /** Set when a token that should write lacks the permission. */
  permissionError: ContextError | undefined

  constructor(private readonly logger: Logger) {}

  /** Runs `write`; a 403 ends this and every later write. */
  async attempt<T>(
    what: string,
    write: () => Promise<T>,
  ): Promise<T | undefined> {
    if (this.skipped !== undefined) return undefined
    try {
      return await write()
    } catch (error: unknown) {
      if (httpStatus(error) !== 403) throw error
      const message = apiMessage(error)
      this.skipped = `GitHub refused to ${what} (403 ${message})`
      if (/not accessible by integration/i.test(message)) {
        this.permissionError = new ContextError(
          "the job's token",
          `403 ${message} when trying to ${what}`,
          `a token with \`${WRITE_PERMISSION}\`: add \`permissions: { ${WRITE_PERMISSION} }\` to the job`,
        )
      }
      this.logger.notice(
        `${this.skipped}; the remaining comment and label writes are skipped. The summary is in the job summary and the summary-file output.`,
        'Summary writes skipped',
      )
      return undefined
    }
  }
}
