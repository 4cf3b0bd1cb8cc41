import { spawn } from 'node:child_process'

/** What one command printed and how it ended. */
export interface CommandResult {
  exitCode: number
  stdout: string
  stderr: string
}

/** Options for one command. */
export interface CommandOptions {
  /** Where to run; the process's own folder otherwise. */
  cwd?: string
  /** Variables over the process's own environment, for this command only. */
  env?: Record<string, string>
  /**
   * Text for the command's standard input. Secrets travel here, never in
   * the arguments, which `ps` and error messages show.
   */
  input?: string
  /** Called with each line of output as it arrives, without its newline. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Kills the command after this many milliseconds. */
  timeoutMs?: number
  /** Kills the command when it aborts; the promise rejects with its reason. */
  signal?: AbortSignal
}

/**
 * Runs one command; stages take it as an argument so tests and dry runs can
 * pass another. A non-zero exit is returned, not thrown.
 */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<CommandResult>

/** A command that could not start, or that ended with a non-zero exit. */
export class CommandError extends Error {
  override readonly name = 'CommandError'
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    /** The result, when the command ran at all. */
    readonly result?: CommandResult,
    reason?: string,
  ) {
    const said = result?.stderr.trim() || result?.stdout.trim() || ''
    const why = reason ?? `failed (exit ${result?.exitCode ?? 'unknown'})`
    // The command's first words name it well enough (`docker buildx
    // build`); its whole argument list can run to pages.
    const name = [command, ...args.slice(0, 2)].join(' ')
    super(`${name} ${why}${said ? `:\n${lastLines(said)}` : ''}`)
  }
}

// A build log runs to thousands of lines; the error is at its end.
const SHOWN_LINES = 20

function lastLines(text: string): string {
  const lines = text.split('\n')
  return lines.length <= SHOWN_LINES
    ? text
    : lines.slice(-SHOWN_LINES).join('\n')
}

/**
 * The process's environment without the step's `INPUT_*` variables: they
 * may hold secrets (a registry password, a token) and no tool reads them.
 * The runner's own variables (ACTIONS_RUNTIME_TOKEN for the gha cache,
 * ACTIONS_ID_TOKEN_* for keyless signing) stay.
 */
function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('INPUT_')) env[name] = value
  }
  return env
}

/**
 * Runs a command without a shell, so no argument is ever re-parsed.
 * Resolves with its exit code and output; rejects with a CommandError when
 * it cannot start (not on PATH, say).
 */
export const runCommand: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: { ...childEnvironment(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined
        ? {}
        : { timeout: options.timeoutMs }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    const stdout = collect(child.stdout, 'stdout', options.onLine)
    const stderr = collect(child.stderr, 'stderr', options.onLine)
    child.once('error', (error: NodeJS.ErrnoException) => {
      // An abort is the caller's doing: it hears its own reason back.
      if (options.signal?.aborted) {
        reject(abortError(options.signal))
        return
      }
      const reason =
        error.code === 'ENOENT'
          ? `could not start: ${command} is not on PATH`
          : `could not start: ${error.message}`
      reject(new CommandError(command, args, undefined, reason))
    })
    child.once('close', (code, signal) => {
      stdout.flush()
      stderr.flush()
      const killed = signal === null ? '' : `\n(ended by ${signal})`
      resolve({
        exitCode: code ?? 1,
        stdout: stdout.text(),
        stderr: `${stderr.text()}${killed}`,
      })
    })
    // A command that exits before reading its input closes the pipe; that
    // is its own business, and its exit code says how it went.
    child.stdin.on('error', () => undefined)
    child.stdin.end(options.input ?? '')
  })

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  return reason instanceof Error ? reason : new Error('aborted')
}

interface Collected {
  text(): string
  /** Hands the last line, when it has no newline, to onLine. */
  flush(): void
}

function collect(
  stream: NodeJS.ReadableStream,
  name: 'stdout' | 'stderr',
  onLine: CommandOptions['onLine'],
): Collected {
  const chunks: string[] = []
  let partial = ''
  stream.setEncoding('utf8')
  stream.on('data', (text: string) => {
    chunks.push(text)
    if (onLine === undefined) return
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) onLine(line.replace(/\r$/, ''), name)
  })
  return {
    text: () => chunks.join(''),
    flush: () => {
      if (onLine !== undefined && partial !== '') onLine(partial, name)
      partial = ''
    },
  }
}
