// The GitOps side of a rollback, in git alone: which files of the
// applications' paths differ from the good revision, which commits since
// then changed them, and one commit that takes them back: a revert of those
// commits, or when that conflicts or falls short, the paths restored as
// they were. Paths are literal (--literal-pathspecs), from the repository's
// top folder, which is the Git's working folder.
import type { Git } from '../../../lib/git/index.js'

/** Paths to return to one good revision. */
export interface RestoreGroup {
  /** The commit the paths return to. */
  readonly good: string
  /** Folders or files from the repository's top, as Argo CD names them. */
  readonly paths: readonly string[]
}

/** A file that differs from its good revision. */
export interface FileChange {
  /** git's status of the file since the good revision: A, M, D or T. */
  readonly status: string
  readonly file: string
  readonly good: string
}

/** A commit the rollback undoes. */
export interface RevertedCommit {
  readonly sha: string
  readonly subject: string
}

/** What a rollback changes, planned on the branch tip. */
export interface RevertPlan {
  readonly groups: readonly RestoreGroup[]
  readonly files: readonly FileChange[]
  /** The commits since the good revisions that touched the paths, newest first. */
  readonly commits: readonly RevertedCommit[]
  /** Every good revision is an ancestor of the tip, so a revert can work. */
  readonly linear: boolean
}

/** How the commit took the paths back. */
export type RevertMethod = 'revert' | 'restore'

/** Plans the rollback on HEAD; no file is touched. */
export async function planRevert(
  git: Git,
  groups: readonly RestoreGroup[],
): Promise<RevertPlan> {
  const files: FileChange[] = []
  const seen = new Set<string>()
  for (const group of groups) {
    for (const change of await changedSince(git, group)) {
      if (seen.has(change.file)) continue
      seen.add(change.file)
      files.push(change)
    }
  }
  if (files.length === 0) return { groups, files, commits: [], linear: true }
  let linear = true
  for (const { good } of groups) {
    linear &&= await git.isAncestor(good, 'HEAD')
  }
  const commits = linear ? await touching(git, groups) : []
  return { groups, files, commits, linear }
}

/**
 * Stages and commits `plan` with `message(method)`: a revert of its
 * commits when that applies cleanly and gives the good revisions' paths,
 * else the paths restored from them. Changes outside the paths are left
 * out. Resolves with the method used.
 */
export async function commitRevert(
  git: Git,
  plan: RevertPlan,
  message: (method: RevertMethod) => string,
): Promise<RevertMethod> {
  let method: RevertMethod = 'restore'
  if (plan.linear && plan.commits.length > 0) {
    const shas = plan.commits.map((c) => c.sha)
    const reverted = await git.run(['revert', '--no-commit', ...shas], {
      allowFailure: true,
    })
    if (reverted.exitCode === 0) {
      await keepOnly(git, allPaths(plan.groups))
      method = (await matchesGood(git, plan.groups)) ? 'revert' : 'restore'
    } else {
      // A conflict: the paths are restored as they were instead.
      await git.run(['revert', '--abort'], { allowFailure: true })
    }
    if (method === 'restore') await git.run(['reset', '-q', '--hard', 'HEAD'])
  }
  if (method === 'restore') {
    for (const group of plan.groups) {
      const files = plan.files.filter((f) => f.good === group.good)
      if (files.length === 0) continue
      await literal(
        git,
        ['restore', `--source=${group.good}`, '--staged', '--worktree'],
        files.map((f) => f.file),
      )
    }
  }
  await git.run(['commit', '--no-verify', '-q', '-F', '-'], {
    input: message(method),
  })
  return method
}

async function changedSince(
  git: Git,
  group: RestoreGroup,
): Promise<FileChange[]> {
  const out = await git.run([
    '--literal-pathspecs',
    'diff',
    '--name-status',
    '-z',
    '--no-renames',
    group.good,
    'HEAD',
    '--',
    ...group.paths,
  ])
  const parts = out.stdout.split('\0').filter((p) => p !== '')
  const changes: FileChange[] = []
  for (let i = 0; i + 1 < parts.length; i += 2) {
    changes.push({
      status: parts[i] ?? '',
      file: parts[i + 1] ?? '',
      good: group.good,
    })
  }
  return changes
}

// The commits below HEAD since each group's good revision that touched
// its paths, in one topological order, newest first: the order to revert.
async function touching(
  git: Git,
  groups: readonly RestoreGroup[],
): Promise<RevertedCommit[]> {
  const wanted = new Set<string>()
  for (const group of groups) {
    const listed = await git.text([
      '--literal-pathspecs',
      'rev-list',
      '--no-merges',
      `${group.good}..HEAD`,
      '--',
      ...group.paths,
    ])
    for (const sha of listed.split('\n')) if (sha !== '') wanted.add(sha)
  }
  if (wanted.size === 0) return []
  const goods = [...new Set(groups.map((g) => g.good))]
  const base =
    goods.length === 1
      ? goods[0]
      : await git.text(['merge-base', '--octopus', ...goods])
  const log = await git.text([
    'log',
    '--topo-order',
    '--no-merges',
    '--format=%H %s',
    `${base}..HEAD`,
  ])
  return log
    .split('\n')
    .map((line) => {
      const space = line.indexOf(' ')
      return space < 0
        ? { sha: line, subject: '' }
        : { sha: line.slice(0, space), subject: line.slice(space + 1) }
    })
    .filter((c) => wanted.has(c.sha))
}

// Unstages and undoes every change outside `paths`: a reverted commit may
// have touched other applications too.
async function keepOnly(git: Git, paths: readonly string[]): Promise<void> {
  const names = async (scope: readonly string[]): Promise<string[]> => {
    const out = await git.run([
      '--literal-pathspecs',
      'diff',
      '--cached',
      '--name-only',
      '-z',
      'HEAD',
      ...(scope.length === 0 ? [] : ['--', ...scope]),
    ])
    return out.stdout.split('\0').filter((f) => f !== '')
  }
  const inside = new Set(await names(paths))
  const outside = (await names([])).filter((f) => !inside.has(f))
  if (outside.length === 0) return
  await literal(
    git,
    ['restore', '--source=HEAD', '--staged', '--worktree'],
    outside,
  )
}

async function matchesGood(
  git: Git,
  groups: readonly RestoreGroup[],
): Promise<boolean> {
  for (const group of groups) {
    const diff = await git.run(
      [
        '--literal-pathspecs',
        'diff',
        '--cached',
        '--quiet',
        group.good,
        '--',
        ...group.paths,
      ],
      { allowFailure: true },
    )
    if (diff.exitCode !== 0) return false
  }
  return true
}

// Runs a pathspec command with the files on standard input, NUL-separated,
// so no file name is read as an option and no command line grows too long.
async function literal(
  git: Git,
  args: readonly string[],
  files: readonly string[],
): Promise<void> {
  await git.run(
    [
      '--literal-pathspecs',
      ...args,
      '--pathspec-from-file=-',
      '--pathspec-file-nul',
    ],
    { input: files.map((f) => `${f}\0`).join('') },
  )
}

function allPaths(groups: readonly RestoreGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.paths))]
}
