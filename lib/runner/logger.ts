import * as core from '@actions/core'

/**
 * What the stage cores log through. The action passes one backed by
 * @actions/core; tests pass a recording one.
 */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  /** Recoverable trouble the reader should see, with an optional title. */
  warning(message: string, title?: string): void
  notice(message: string, title?: string): void
  /** Runs fn inside a collapsible group, closing it even when fn throws. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/**
 * `text` as plain log text: a line of it starting with `::` would be read
 * by the runner as a workflow command (`::stop-commands::`, a forged
 * `::error::`), and log lines carry what servers and tools answered, so
 * such a line gets a zero-width space between its colons.
 */
export function plainLog(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1:\u200b')
}

/** The runner's logger, backed by @actions/core. */
export const coreLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(plainLog(message)),
  warning: (message, title) => core.warning(message, title ? { title } : {}),
  notice: (message, title) => core.notice(message, title ? { title } : {}),
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    core.startGroup(name)
    try {
      return await fn()
    } finally {
      core.endGroup()
    }
  },
}

/** One line a recording logger kept. */
export interface LogLine {
  level: 'debug' | 'info' | 'warning' | 'notice' | 'group'
  message: string
}

/** A logger that keeps every line, for tests and for the local runner. */
export class MemoryLogger implements Logger {
  readonly lines: LogLine[] = []

  debug(message: string): void {
    this.lines.push({ level: 'debug', message })
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message })
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message })
  }
  notice(message: string): void {
    this.lines.push({ level: 'notice', message })
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push({ level: 'group', message: name })
    return fn()
  }
  /** The messages logged at one level. */
  at(level: LogLine['level']): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message)
  }
}
