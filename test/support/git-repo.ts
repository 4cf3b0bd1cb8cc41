// Temp git repositories for tests, driven by the real git binary: a bare
// `origin.git` and a clone `work` in a fresh folder under os.tmpdir().
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CommitClock, TEST_IDENTITY, runGit } from './git-repo/git-process.js'

export { CommitClock, TEST_IDENTITY }

/** Options for `createRepo`. */
export interface CreateRepoOptions {
  /** The default branch of origin and the clone; `main` unless given. */
  branch?: string
}

/** Options for one low-level git run. */
export interface RunOptions {
  /** Text or bytes for git's standard input. */
  input?: string | Buffer
  /** Author and committer date as Unix seconds; the clock's next otherwise. */
  date?: number
  /** Where to run; the clone's working tree otherwise. */
  cwd?: string
}

/** A ref on the bare origin, as `originRefs` reports it. */
export interface OriginRef {
  /** The object the ref names: a commit, or an annotated tag object. */
  sha: string
  /** The commit it resolves to (equal to `sha` unless an annotated tag). */
  commit: string
  /** `commit` or `tag` (annotated tag object). */
  objectType: string
}

interface Shared {
  readonly dir: string
  readonly originDir: string
  readonly clock: CommitClock
  readonly globalConfig: string
  clones: number
}

/** A clone of the temp origin, with helpers that run real git in it. */
export class GitRepo {
  /** The temp folder holding origin and every clone. */
  readonly dir: string
  /** The bare repository, `<dir>/origin.git`. */
  readonly originDir: string
  /** The shared clock that dates commits and annotated tags. */
  readonly clock: CommitClock

  /** @internal Clones origin into `workDir`; use `createRepo` instead. */
  constructor(
    private readonly shared: Shared,
    /** This clone's working tree. */
    readonly workDir: string,
    private readonly ownsDir: boolean,
    branch?: string,
  ) {
    this.dir = shared.dir
    this.originDir = shared.originDir
    this.clock = shared.clock
    this.run(['clone', '--quiet', this.originDir, workDir], { cwd: this.dir })
    this.configure(branch)
  }

  /** Runs `git <args>` in the clone; returns stdout without the last newline. */
  git(...args: string[]): string {
    return this.run(args)
  }

  /** Runs git with input, date or folder given; throws with stderr on failure. */
  run(args: readonly string[], options: RunOptions = {}): string {
    return runGit(args, {
      cwd: options.cwd ?? this.workDir,
      date: options.date ?? this.clock.peek(),
      globalConfig: this.shared.globalConfig,
      input: options.input,
    })
  }

  /**
   * Writes the files (null deletes one), stages them and commits, empty when
   * there are none. Returns the new commit's SHA.
   */
  commit(
    message: string,
    files: Record<string, string | null> = {},
    options: { date?: Date | string } = {},
  ): string {
    for (const [file, content] of Object.entries(files)) {
      if (content === null) fs.rmSync(this.resolve(file), { force: true })
      else this.writeFile(file, content)
    }
    const paths = Object.keys(files)
    if (paths.length > 0) this.run(['add', '--all', '--', ...paths])
    this.run(['commit', '--allow-empty', '--quiet', '--file', '-'], {
      input: message,
      date: this.dateOf(options.date),
    })
    return this.head()
  }

  /**
   * Tags HEAD or `sha`: lightweight by default, annotated when asked or when
   * a message is given. Returns the SHA the tag ref points at.
   */
  tag(
    name: string,
    options: { sha?: string; annotated?: boolean; message?: string } = {},
  ): string {
    const target = options.sha ?? 'HEAD'
    if (options.annotated === true || options.message !== undefined) {
      const message = options.message ?? name
      this.run(['tag', '--annotate', '--file', '-', name, target], {
        input: message,
        date: this.clock.take(),
      })
    } else {
      this.run(['tag', name, target])
    }
    return this.git('rev-parse', `refs/tags/${name}`)
  }

  /** Creates a branch at `from` (HEAD by default) without switching to it. */
  branch(name: string, from = 'HEAD'): void {
    this.run(['branch', name, from])
  }

  /** Switches the working tree to a branch, tag or commit. */
  checkout(name: string): void {
    this.run(['checkout', '--quiet', name])
  }

  /**
   * Merges a branch into the current one with a merge commit (no fast
   * forward unless `noFf: false`). Returns the new HEAD.
   */
  merge(
    branch: string,
    message = `Merge branch '${branch}'`,
    options: { noFf?: boolean } = {},
  ): string {
    const ff = options.noFf === false ? '--ff' : '--no-ff'
    this.run(['merge', ff, '--quiet', '-m', message, branch], {
      date: this.clock.take(),
    })
    return this.head()
  }

  /** Pushes the refs to origin; all branches and tags when none are given. */
  push(...refs: string[]): void {
    const specs =
      refs.length > 0 ? refs : ['refs/heads/*:refs/heads/*', 'refs/tags/*']
    this.run(['push', '--quiet', 'origin', ...specs])
  }

  /** The SHA of HEAD. */
  head(): string {
    return this.git('rev-parse', 'HEAD')
  }

  /** True when `ancestor` is reachable from `descendant` in this clone. */
  isAncestor(ancestor: string, descendant: string): boolean {
    try {
      this.run(['merge-base', '--is-ancestor', ancestor, descendant])
      return true
    } catch {
      return false
    }
  }

  /** Reads a file of the working tree as UTF-8. */
  readFile(file: string): string {
    return fs.readFileSync(this.resolve(file), 'utf8')
  }

  /** Writes a file of the working tree, making its folders. */
  writeFile(file: string, content: string): void {
    const target = this.resolve(file)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, content)
  }

  /** Another clone of origin (another pusher) sharing this repo's clock. */
  cloneOrigin(): GitRepo {
    this.shared.clones += 1
    const workDir = path.join(this.dir, `clone-${this.shared.clones}`)
    return new GitRepo(this.shared, workDir, false)
  }

  /** Every ref on origin with the commit it resolves to. */
  originRefs(): Record<string, OriginRef> {
    const format = '%(refname) %(objectname) %(objecttype) %(*objectname)'
    const out = this.run(['for-each-ref', `--format=${format}`], {
      cwd: this.originDir,
    })
    const refs: Record<string, OriginRef> = {}
    for (const line of out.split('\n').filter(Boolean)) {
      const [ref = '', sha = '', objectType = '', peeled = ''] = line.split(' ')
      refs[ref] = { sha, commit: peeled || sha, objectType }
    }
    return refs
  }

  /** Removes the whole temp folder, or only this clone for an extra clone. */
  cleanup(): void {
    const target = this.ownsDir ? this.dir : this.workDir
    fs.rmSync(target, { recursive: true, force: true })
  }

  /** Local configuration every clone gets, so global config never counts. */
  private configure(branch?: string): void {
    const settings: [string, string][] = [
      ['user.name', TEST_IDENTITY.name],
      ['user.email', TEST_IDENTITY.email],
      ['commit.gpgsign', 'false'],
      ['tag.gpgsign', 'false'],
      ['init.defaultBranch', branch ?? 'main'],
      ['core.autocrlf', 'false'],
      ['advice.detachedHead', 'false'],
    ]
    for (const [key, value] of settings) this.run(['config', key, value])
    if (branch !== undefined) {
      // A clone of an empty origin may not know its branch yet.
      this.run(['symbolic-ref', 'HEAD', `refs/heads/${branch}`])
      this.run(['config', `branch.${branch}.remote`, 'origin'])
      this.run(['config', `branch.${branch}.merge`, `refs/heads/${branch}`])
    }
  }

  private dateOf(date: Date | string | undefined): number {
    if (date === undefined) return this.clock.take()
    return Math.floor(new Date(date).getTime() / 1000)
  }

  private resolve(file: string): string {
    return path.join(this.workDir, file)
  }
}

/** Makes a temp folder with a bare `origin.git` and a clone `work`. */
export function createRepo(options: CreateRepoOptions = {}): GitRepo {
  const branch = options.branch ?? 'main'
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-git-'))
  const globalConfig = path.join(dir, 'empty.gitconfig')
  fs.writeFileSync(globalConfig, '')
  const shared: Shared = {
    dir,
    originDir: path.join(dir, 'origin.git'),
    clock: new CommitClock(),
    globalConfig,
    clones: 0,
  }
  runGit(['init', '--quiet', '--bare', '-b', branch, shared.originDir], {
    cwd: dir,
    date: shared.clock.peek(),
    globalConfig,
  })
  return new GitRepo(shared, path.join(dir, 'work'), true, branch)
}

/**
 * Appends `count` empty commits to the current branch with one
 * `git fast-import` run (100 000 commits take seconds). Returns the new HEAD.
 */
export function writeLinearHistory(
  repo: GitRepo,
  count: number,
  messageFor: (index: number) => string,
): string {
  const branch = repo.git('symbolic-ref', 'HEAD')
  const parent = unbornHead(repo) ? undefined : repo.head()
  const who = `${TEST_IDENTITY.name} <${TEST_IDENTITY.email}>`
  const chunks: string[] = []
  for (let i = 0; i < count; i += 1) {
    const when = `${repo.clock.take()} +0000`
    const raw = messageFor(i)
    const message = raw.endsWith('\n') ? raw : `${raw}\n`
    chunks.push(
      `commit ${branch}\nauthor ${who} ${when}\ncommitter ${who} ${when}\n` +
        `data ${Buffer.byteLength(message)}\n${message}`,
      i === 0 && parent ? `from ${parent}\n\n` : '\n',
    )
  }
  repo.run(['fast-import', '--quiet'], { input: chunks.join('') })
  return repo.head()
}

/** True while the current branch has no commit yet. */
function unbornHead(repo: GitRepo): boolean {
  try {
    repo.run(['rev-parse', '--verify', '--quiet', 'HEAD'])
    return false
  } catch {
    return true
  }
}
