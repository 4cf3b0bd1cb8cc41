// What pr-summary needs beside the issue routes: a label's JSON and its
// update, a repository's file contents at a ref (for .gitattributes read
// from a pull request's head), and the 403 a read-only token gets on every
// write.
// https://docs.github.com/rest/issues/labels#update-a-label
// https://docs.github.com/rest/repos/contents#get-repository-content
import { createHash } from 'node:crypto'
import type { FaultQueue } from './faults.js'
import {
  json,
  nodeId,
  notFound,
  repoApi,
  repoWeb,
  route,
  stringField,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from './route.js'
import type { Label, RepoState } from './state.js'

const REPO = '/repos/:owner/:repo'

/** GitHub's JSON for a label. */
export function labelJson(ctx: RouteContext, label: Label): unknown {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${repoApi(ctx)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  }
}

// Files live beside the repository's state rather than in it, keyed by
// `ref\0path`, so seeding contents needs no change to RepoState.
const contents = new WeakMap<RepoState, Map<string, string>>()

/** Puts a text file at `path` as of `ref` (a SHA or a branch name). */
export function seedFile(
  repo: RepoState,
  ref: string,
  path: string,
  text: string,
): void {
  let files = contents.get(repo)
  if (!files) {
    files = new Map()
    contents.set(repo, files)
  }
  files.set(`${ref}\0${path}`, text)
}

/** GitHub's answer to a write by a token that may only read. */
export const READ_ONLY_MESSAGE = 'Resource not accessible by integration'

/**
 * Answers every write (POST, PATCH, PUT, DELETE) under /repos with the 403
 * a fork pull request's read-only GITHUB_TOKEN gets, until `faults.clear()`.
 */
export function denyWrites(faults: FaultQueue): void {
  for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
    faults.inject(
      { method, path: /^\/repos\//, times: Number.MAX_SAFE_INTEGER },
      { status: 403, message: READ_ONLY_MESSAGE },
    )
  }
}

function fileJson(
  ctx: RouteContext,
  ref: string,
  path: string,
  text: string,
): unknown {
  const bytes = Buffer.from(text)
  // Git's blob id: the SHA-1 of a header and the bytes.
  const sha = createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex')
  const encoded = path.split('/').map(encodeURIComponent).join('/')
  return {
    type: 'file',
    encoding: 'base64',
    size: bytes.length,
    name: path.split('/').pop(),
    path,
    sha,
    // GitHub wraps the base64 at 60 columns.
    content: (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
    url: `${repoApi(ctx)}/contents/${encoded}?ref=${ref}`,
    html_url: `${repoWeb(ctx)}/blob/${ref}/${encoded}`,
  }
}

function getContents(ctx: RouteContext): Reply {
  const path = ctx.params.path ?? ''
  const ref = ctx.query.get('ref') ?? 'main'
  const text = contents.get(ctx.repo)?.get(`${ref}\0${path}`)
  return text === undefined
    ? notFound()
    : json(200, fileJson(ctx, ref, path, text))
}

function updateLabel(ctx: RouteContext): Reply {
  const label = ctx.repo.findLabel(ctx.params.name ?? '')
  if (!label) return notFound()
  const newName = stringField(ctx.body, 'new_name')
  if (newName !== undefined && newName !== label.name) {
    if (ctx.repo.findLabel(newName)) return validationFailed('Label', 'name')
    const old = label.name
    ctx.repo.labels.delete(old)
    for (const issue of ctx.repo.issues.values()) {
      issue.labels = issue.labels.map((l) => (l === old ? newName : l))
    }
    label.name = newName
    ctx.repo.labels.set(newName, label)
  }
  label.color = stringField(ctx.body, 'color') ?? label.color
  label.description = stringField(ctx.body, 'description') ?? label.description
  return json(200, labelJson(ctx, label))
}

/** Renaming and recolouring a label. */
export const labelUpdateRoutes: Route[] = [
  route('PATCH', `${REPO}/labels/:name`, updateLabel),
]

/** A repository's file contents at a ref. */
export const contentRoutes: Route[] = [
  route('GET', `${REPO}/contents/*path`, getContents),
]
