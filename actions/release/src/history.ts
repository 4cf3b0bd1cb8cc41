import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { TagFormat } from '../../../lib/version/index.js'
import { versionOfTag } from '../../../lib/version/index.js'

/** A release tag: its name, the version it names and the commit it marks. */
export interface ReleaseTag {
  tag: string
  version: string
  /** The commit the tag points at, peeled through an annotated tag. */
  sha: string
}

/** The release tags, and the tags that are not ours. */
export interface TagsSeen {
  /** Release tags, highest version first. */
  releases: ReleaseTag[]
  /** Tags that are foreign to the format or not semver, for the debug log. */
  ignored: string[]
}

/**
 * Reads every tag that names a version in `format`, wherever it points;
 * asking git for the reachable ones only would walk the whole history.
 */
export async function readReleaseTags(
  git: Git,
  format: TagFormat,
): Promise<TagsSeen> {
  const out = await git.text([
    'for-each-ref',
    '--format=%(refname:strip=2)%09%(objectname)%09%(*objectname)',
    'refs/tags',
  ])
  const releases: ReleaseTag[] = []
  const ignored: string[] = []
  for (const line of out.split('\n')) {
    if (line === '') continue
    const [tag = '', object = '', peeled = ''] = line.split('\t')
    const version = versionOfTag(tag, format)
    if (version === undefined) ignored.push(tag)
    else releases.push({ tag, version, sha: peeled || object })
  }
  releases.sort((a, b) => semver.rcompare(a.version, b.version))
  return { releases, ignored }
}

/** One commit as the release stage reads it. */
export interface CommitRecord {
  sha: string
  parents: string[]
  /** The raw message: header, body and footers. */
  message: string
}

const FIELD = '\x1f'
const RECORD = '\x1e'

/**
 * Streams the commits reachable from `to` and not from `from`, newest
 * first, including those that merges brought in, to `onCommit` as git
 * writes them: one git call, whatever the count. With `paths`, only the
 * commits that touch them. Returns the boundary: the commits just outside
 * the range, which include `from` itself exactly when it is an ancestor of
 * `to` (without `paths`, which simplify the history the boundary is of).
 */
export async function streamCommits(
  git: Git,
  from: string | undefined,
  to: string,
  onCommit: (commit: CommitRecord) => void,
  paths: readonly string[] = [],
): Promise<Set<string>> {
  const boundary = new Set<string>()
  let pending = ''
  const take = (record: string): void => {
    const text = record.startsWith('\n') ? record.slice(1) : record
    if (text === '') return
    // `<mark><sha>FIELD<parents>FIELD<message>`; the message may hold
    // anything, so only the first two separators are looked for.
    const first = text.indexOf(FIELD)
    const second = text.indexOf(FIELD, first + 1)
    const sha = text.slice(1, first)
    if (text.startsWith('-')) {
      boundary.add(sha)
      return
    }
    const parents = text.slice(first + 1, second)
    onCommit({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      message: text.slice(second + 1).replace(/\n+$/, ''),
    })
  }
  await git.stream(
    [
      'log',
      '--no-color',
      '--no-decorate',
      ...(from === undefined ? [] : ['--boundary']),
      `--format=%m%H${FIELD}%P${FIELD}%B${RECORD}`,
      from === undefined ? to : `${from}..${to}`,
      '--',
      ...paths,
    ],
    (text) => {
      const records = (pending + text).split(RECORD)
      pending = records.pop() ?? ''
      for (const record of records) take(record)
    },
  )
  take(pending)
  return boundary
}

/** The commits reachable from `to` and not from `from`, newest first. */
export async function readCommits(
  git: Git,
  from: string | undefined,
  to = 'HEAD',
  paths: readonly string[] = [],
): Promise<CommitRecord[]> {
  const commits: CommitRecord[] = []
  await streamCommits(git, from, to, (c) => commits.push(c), paths)
  return commits
}

/** Every version the repository has released, reachable or not. */
export async function readAllVersions(
  git: Git,
  format: TagFormat,
): Promise<string[]> {
  const seen = await readReleaseTags(git, format)
  return seen.releases.map((r) => r.version)
}
