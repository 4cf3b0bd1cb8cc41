/**
 * A mistake in the stage's configuration: the user's to fix. The message
 * names the input, quotes the value it got and says what it expects.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'

  constructor(
    /** The input's name as written in the workflow (`tag-format`). */
    readonly input: string,
    /** The value received, already shortened and free of secrets. */
    readonly value: string,
    /** What would have been accepted. */
    readonly expected: string,
  ) {
    super(`input '${input}': got ${quote(value)}; expected ${expected}`)
  }
}

/** Quotes a value for an error message, cut to a readable length. */
export function quote(value: string): string {
  const cut = value.length > 120 ? `${value.slice(0, 117)}...` : value
  return JSON.stringify(cut)
}

/** Renders any thrown value as a one-line message. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
