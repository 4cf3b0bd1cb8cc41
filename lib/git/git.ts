import { spawn } from 'node:child_process'
import { getExecOutput } from '@actions/exec'

/** What one git command printed and how it ended. */
export interface GitResult {
  stdout: string
  stderr: string
  exitCode: number
}

/** Options for one git command. */
export interface GitOptions {
  /** Return a non-zero exit instead of throwing. */
  allowFailure?: boolean
  /** Text for the command's standard input. */
  input?: string
  /** Extra environment for this command only. */
  env?: Record<string, string>
}

/** A failed git command, with what git said on stderr. */
export class GitError extends Error {
  override readonly name = 'GitError'
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    const said = result.stderr.trim() || result.stdout.trim()
    super(
      `git ${args.join(' ')} failed (exit ${result.exitCode})` +
        (said ? `: ${said}` : ''),
    )
  }
}

/**
 * Runs git in one working tree. Authentication, when given, travels in the
 * environment as GIT_CONFIG_* variables, so it is never on a command line
 * that `ps` or an error message could show.
 */
export class Git {
  constructor(
    /** The working tree. */
    readonly cwd: string,
    /** Configuration applied to every command (`-c key=value`). */
    private readonly config: Record<string, string> = {},
    /**
     * Environment for every command, over the process's own: the commit
     * identity goes here, since GIT_AUTHOR_* in the environment would
     * otherwise win over `-c user.name`.
     */
    private readonly env: Record<string, string> = {},
  ) {}

  /** The environment that makes git commit and tag as this identity. */
  static identity(name: string, email: string): Record<string, string> {
    return {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
    }
  }

  /** A Git on the same tree whose network commands send this header. */
  withHttpHeader(header: string): Git {
    return new Git(this.cwd, this.config, {
      ...this.env,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.extraheader',
      GIT_CONFIG_VALUE_0: header,
    })
  }

  /**
   * Runs `git <args>` and hands its standard output to `onText` as it
   * arrives, decoded as UTF-8 across chunk borders, so the caller can work
   * while git is still writing (on two cores the two overlap). For outputs
   * of many megabytes, where @actions/exec's line splitting and string
   * building cost as much as git itself.
   */
  async stream(
    args: readonly string[],
    onText: (text: string) => void,
  ): Promise<void> {
    const child = spawn('git', [...this.configArgs(), ...args], {
      cwd: this.cwd,
      env: this.environment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', onText)
    const stderr: string[] = []
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (text: string) => stderr.push(text))
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => resolve(code ?? 1))
    })
    if (exitCode !== 0) {
      throw new GitError(args, {
        stdout: '',
        stderr: stderr.join(''),
        exitCode,
      })
    }
  }

  private configArgs(): string[] {
    return Object.entries(this.config).flatMap(([k, v]) => ['-c', `${k}=${v}`])
  }

  private environment(
    extra: Record<string, string> = {},
  ): Record<string, string> {
    const env: Record<string, string> = {}
    for (const [k, v] of Object.entries(process.env)) {
      // The step's inputs may hold tokens; hooks and credential helpers
      // that git starts have no business seeing them.
      if (v !== undefined && !k.startsWith('INPUT_')) env[k] = v
    }
    return Object.assign(env, this.env, extra, {
      GIT_TERMINAL_PROMPT: '0',
      LC_ALL: 'C',
    })
  }

  /** Runs `git <args>`; throws a GitError on failure unless allowed. */
  async run(
    args: readonly string[],
    options: GitOptions = {},
  ): Promise<GitResult> {
    const result = await getExecOutput('git', [...this.configArgs(), ...args], {
      cwd: this.cwd,
      env: this.environment(options.env),
      silent: true,
      ignoreReturnCode: true,
      ...(options.input !== undefined
        ? { input: Buffer.from(options.input) }
        : {}),
    })
    const out: GitResult = {
      stdout: result.stdout,
      stderr: result.stderr,
      exitCode: result.exitCode,
    }
    if (out.exitCode !== 0 && !options.allowFailure) {
      throw new GitError(args, out)
    }
    return out
  }

  /** Runs git and returns its trimmed standard output. */
  async text(args: readonly string[]): Promise<string> {
    return (await this.run(args)).stdout.trim()
  }

  /** The full SHA a revision names, or undefined when it names nothing. */
  async resolve(revision: string): Promise<string | undefined> {
    const result = await this.run(
      ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`],
      { allowFailure: true },
    )
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** Whether `ancestor` is reachable from `descendant`. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const result = await this.run(
      ['merge-base', '--is-ancestor', ancestor, descendant],
      { allowFailure: true },
    )
    return result.exitCode === 0
  }

  /** The content of a file at a revision, or undefined when absent. */
  async show(revision: string, path: string): Promise<string | undefined> {
    const result = await this.run(['show', `${revision}:${path}`], {
      allowFailure: true,
    })
    return result.exitCode === 0 ? result.stdout : undefined
  }
}
