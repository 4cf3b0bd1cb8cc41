import { writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Git } from '../../../lib/git/index.js'
import { GitError } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { FileChange } from '../../../lib/files/index.js'

/** Where the release commit and tag go. */
export interface GitTarget {
  remote: string
  branch: string
  push: boolean
}

/**
 * Writes the changed files and commits them as the release commit. When the
 * files already hold the release (a re-run), no empty commit is made and
 * HEAD is the release commit. Returns the release commit's SHA.
 */
export async function commitRelease(
  git: Git,
  changes: readonly FileChange[],
  message: string,
  logger: Logger,
): Promise<string> {
  for (const change of changes) {
    const file = join(git.cwd, change.path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, change.after)
  }
  if (changes.length > 0) {
    await git.run(['add', '--', ...changes.map((c) => c.path)])
  }
  const staged = await git.run(['diff', '--cached', '--quiet'], {
    allowFailure: true,
  })
  if (staged.exitCode === 0) {
    logger.info('no file changes to commit; the release is tagged on HEAD')
  } else {
    await git.run(['commit', '--no-verify', '-q', '-m', message])
  }
  return git.text(['rev-parse', 'HEAD'])
}

/**
 * Tags exactly `sha` (never whatever HEAD is by then) with an annotated tag
 * whose message is the release commit's, which marks the tag as ours even
 * when no release commit was needed. A tag already on that commit is kept;
 * one on another commit is an error.
 */
export async function tagRelease(
  git: Git,
  tag: string,
  sha: string,
  message: string,
): Promise<void> {
  const existing = await git.resolve(`refs/tags/${tag}`)
  if (existing === sha) return
  if (existing !== undefined) {
    throw new Error(
      `tag ${tag} already exists on ${existing.slice(0, 7)}, not on the release commit ${sha.slice(0, 7)}`,
    )
  }
  await git.run(['tag', '-a', tag, '-m', message, sha])
}

/**
 * Pushes the release commit to the branch and the tag in one atomic push:
 * both land or neither does. On a rejection the local tag is removed, so a
 * re-run starts clean.
 */
export async function pushRelease(
  git: Git,
  target: GitTarget,
  sha: string,
  tag: string,
): Promise<void> {
  if (!target.push) return
  try {
    await git.run([
      'push',
      '--atomic',
      '--porcelain',
      target.remote,
      `${sha}:refs/heads/${target.branch}`,
      `refs/tags/${tag}:refs/tags/${tag}`,
    ])
  } catch (error: unknown) {
    await git.run(['tag', '-d', tag], { allowFailure: true })
    const said =
      error instanceof GitError ? error.result.stderr.trim() : String(error)
    throw new Error(
      `pushing ${tag} and the release commit to ${target.remote}/${target.branch} failed, so nothing was released: ${said}`,
    )
  }
}

/** Pushes one tag that already exists locally. */
export async function pushTag(
  git: Git,
  target: GitTarget,
  tag: string,
): Promise<void> {
  if (!target.push) return
  await git.run([
    'push',
    '--porcelain',
    target.remote,
    `refs/tags/${tag}:refs/tags/${tag}`,
  ])
}

/** Force-moves lightweight tags to a commit with git, for runs without the API. */
export async function pushFloatingTags(
  git: Git,
  target: GitTarget,
  tags: readonly string[],
  sha: string,
): Promise<void> {
  for (const tag of tags) await git.run(['tag', '-f', tag, sha])
  if (!target.push || tags.length === 0) return
  await git.run([
    'push',
    '--force',
    '--porcelain',
    target.remote,
    ...tags.map((t) => `refs/tags/${t}:refs/tags/${t}`),
  ])
}

/** Refuses a version whose tag exists on a commit this branch lacks. */
export async function ensureTagIsFree(git: Git, tag: string): Promise<void> {
  const existing = await git.resolve(`refs/tags/${tag}`)
  if (existing !== undefined) {
    throw new Error(
      `tag ${tag} already exists on ${existing.slice(0, 7)}, which is not on this branch: ` +
        'that version was released from another branch; merge it here, or release this change from that branch',
    )
  }
}
