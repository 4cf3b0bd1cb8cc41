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

/** The release tags reachable from HEAD, and the tags that are not ours. */
export interface TagsSeen {
  /** Release tags, highest version first. */
  releases: ReleaseTag[]
  /** Tags that are foreign to the format or not semver, for the debug log. */
  ignored: string[]
}

/**
 * Reads the tags that name versions in `format`: those reachable from
 * `mergedInto`, or every one when it is undefined.
 */
export async function readReleaseTags(
  git: Git,
  format: TagFormat,
  mergedInto: string | undefined = 'HEAD',
): Promise<TagsSeen> {
  const out = await git.text([
    'for-each-ref',
    ...(mergedInto === undefined ? [] : [`--merged=${mergedInto}`]),
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
 * The commits reachable from `to` and not from `from`, newest first,
 * including those that merges brought in. One git call, whatever the count.
 */
export async function readCommits(
  git: Git,
  from: string | undefined,
  to = 'HEAD',
): Promise<CommitRecord[]> {
  const range = from === undefined ? to : `${from}..${to}`
  const out = (
    await git.run([
      'log',
      '--no-color',
      '--no-decorate',
      `--format=%H${FIELD}%P${FIELD}%B${RECORD}`,
      range,
      '--',
    ])
  ).stdout
  const commits: CommitRecord[] = []
  for (const record of out.split(RECORD)) {
    const text = record.replace(/^\n/, '')
    if (text === '') continue
    const [sha = '', parents = '', ...message] = text.split(FIELD)
    commits.push({
      sha,
      parents: parents === '' ? [] : parents.split(' '),
      message: message.join(FIELD).replace(/\n+$/, ''),
    })
  }
  return commits
}

/** Every version the repository has released, reachable or not. */
export async function readAllVersions(
  git: Git,
  format: TagFormat,
): Promise<string[]> {
  const seen = await readReleaseTags(git, format, undefined)
  return seen.releases.map((r) => r.version)
}
