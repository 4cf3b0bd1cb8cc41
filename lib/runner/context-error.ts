// A mistake found in what started the run rather than in an input: a
// runner variable (GITHUB_REF, GITHUB_EVENT_NAME) or the event payload.
// It is the workflow's to fix, like a bad input, so it is a ConfigError,
// but its message names where the value came from: no input of that name
// exists, and saying "input 'GITHUB_REF'" would send the reader looking for
// one.
import { ConfigError, quote } from './config-error.js'

/** A bad value from the run's context; `source` says where it was read. */
export class ContextError extends ConfigError {
  constructor(
    /** Where the value came from: `GITHUB_REF`, `the event payload's release.tag_name`. */
    readonly source: string,
    value: string,
    expected: string,
  ) {
    super(source, value, expected)
    this.message = `${source}: got ${quote(value)}; expected ${expected}`
  }
}

/** The same error with its value replaced (to hide a secret in it). */
export function withValue(error: ConfigError, value: string): ConfigError {
  return error instanceof ContextError
    ? new ContextError(error.source, value, error.expected)
    : new ConfigError(error.input, value, error.expected)
}
