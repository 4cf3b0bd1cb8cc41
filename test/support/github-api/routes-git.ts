// The git database endpoints for refs and annotated tags. Refs live only in
// the stand-in's state; nothing here touches a git repository.
// https://docs.github.com/rest/git/refs
// https://docs.github.com/rest/git/tags
import { createHash } from 'node:crypto'
import {
  booleanField,
  fieldsOf,
  json,
  notFound,
  repoApi,
  route,
  stringField,
  unprocessable,
  type Reply,
  type Route,
  type RouteContext,
} from './route.js'
import type { TagObject } from './state.js'

const GIT = '/repos/:owner/:repo/git'

function refJson(ctx: RouteContext, ref: string, sha: string): unknown {
  const type = ctx.repo.tags.has(sha) ? 'tag' : 'commit'
  const objectPath = type === 'tag' ? 'tags' : 'commits'
  return {
    ref,
    node_id: `REF_${Buffer.from(ref).toString('base64url')}`,
    url: `${repoApi(ctx)}/git/${ref}`,
    object: { sha, type, url: `${repoApi(ctx)}/git/${objectPath}/${sha}` },
  }
}

function tagJson(ctx: RouteContext, tag: TagObject): unknown {
  const objectPath = tag.object.type === 'tag' ? 'tags' : 'commits'
  return {
    node_id: `TAG_${Buffer.from(tag.sha).toString('base64url')}`,
    tag: tag.tag,
    sha: tag.sha,
    url: `${repoApi(ctx)}/git/tags/${tag.sha}`,
    message: tag.message,
    tagger: tag.tagger,
    object: {
      ...tag.object,
      url: `${repoApi(ctx)}/git/${objectPath}/${tag.object.sha}`,
    },
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null,
    },
  }
}

/** The full name of the ref in the path (`tags/v1` → `refs/tags/v1`). */
function refOf(ctx: RouteContext): string {
  return `refs/${ctx.params.ref ?? ''}`
}

/** A 422 when the ref is the tag of an immutable release, as on GitHub. */
function immutableTag(ctx: RouteContext, ref: string): Reply | undefined {
  if (!ref.startsWith('refs/tags/')) return undefined
  const release = ctx.repo.releaseByTag(ref.slice('refs/tags/'.length))
  if (!release?.immutable) return undefined
  return unprocessable(
    `Cannot change ${ref}: it is the tag of an immutable release.`,
  )
}

function createRef(ctx: RouteContext): Reply {
  const ref = stringField(ctx.body, 'ref') ?? ''
  const sha = stringField(ctx.body, 'sha')
  if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
    return unprocessable(
      "Reference name must start with 'refs/' and have at least two slashes.",
    )
  }
  if (!sha) return unprocessable('Invalid request: "sha" wasn\'t supplied.')
  if (ctx.repo.refs.has(ref)) return unprocessable('Reference already exists')
  ctx.repo.refs.set(ref, sha)
  return json(201, refJson(ctx, ref, sha))
}

function updateRef(ctx: RouteContext): Reply {
  const ref = refOf(ctx)
  const current = ctx.repo.refs.get(ref)
  const sha = stringField(ctx.body, 'sha')
  if (current === undefined) return unprocessable('Reference does not exist')
  if (!sha) return unprocessable('Invalid request: "sha" wasn\'t supplied.')
  const locked = immutableTag(ctx, ref)
  if (locked) return locked
  const force = booleanField(ctx.body, 'force') ?? false
  const isAncestor = ctx.state.isAncestor
  if (!force && isAncestor && !isAncestor(current, sha)) {
    return unprocessable('Update is not a fast forward')
  }
  ctx.repo.refs.set(ref, sha)
  return json(200, refJson(ctx, ref, sha))
}

function deleteRef(ctx: RouteContext): Reply {
  const ref = refOf(ctx)
  if (!ctx.repo.refs.has(ref)) return unprocessable('Reference does not exist')
  const locked = immutableTag(ctx, ref)
  if (locked) return locked
  ctx.repo.refs.delete(ref)
  return { status: 204 }
}

/** The SHA git itself would give this tag object. */
function tagObjectSha(tag: Omit<TagObject, 'sha'>): string {
  const seconds = Math.floor(Date.parse(tag.tagger.date) / 1000)
  const content =
    `object ${tag.object.sha}\ntype ${tag.object.type}\ntag ${tag.tag}\n` +
    `tagger ${tag.tagger.name} <${tag.tagger.email}> ${seconds} +0000\n\n` +
    tag.message
  const header = `tag ${Buffer.byteLength(content)}\0`
  return createHash('sha1')
    .update(header + content)
    .digest('hex')
}

function createTag(ctx: RouteContext): Reply {
  const b = ctx.body
  const tag = stringField(b, 'tag')
  const object = stringField(b, 'object')
  const message = stringField(b, 'message')
  if (!tag || !object || message === undefined) {
    return unprocessable(
      'Invalid request: tag, message and object are required.',
    )
  }
  const { login, id } = ctx.state.viewer
  const tagger = fieldsOf(fieldsOf(b).tagger)
  const body: Omit<TagObject, 'sha'> = {
    tag,
    message: message.endsWith('\n') ? message : `${message}\n`,
    object: { sha: object, type: stringField(b, 'type') ?? 'commit' },
    tagger: {
      name: stringField(tagger, 'name') ?? login,
      email:
        stringField(tagger, 'email') ??
        `${id}+${login}@users.noreply.github.com`,
      date: stringField(tagger, 'date') ?? ctx.state.timestamp(),
    },
  }
  const created: TagObject = { ...body, sha: tagObjectSha(body) }
  ctx.repo.tags.set(created.sha, created)
  return json(201, tagJson(ctx, created))
}

/** The git refs and tags endpoints. */
export const gitRoutes: Route[] = [
  route('GET', `${GIT}/ref/*ref`, (ctx) => {
    const ref = refOf(ctx)
    const sha = ctx.repo.refs.get(ref)
    return sha === undefined ? notFound() : json(200, refJson(ctx, ref, sha))
  }),
  route('GET', `${GIT}/matching-refs/*ref`, (ctx) => {
    const prefix = refOf(ctx)
    const refs = [...ctx.repo.refs.entries()]
      .filter(([ref]) => ref.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return json(
      200,
      refs.map(([ref, sha]) => refJson(ctx, ref, sha)),
    )
  }),
  route('POST', `${GIT}/refs`, createRef),
  route('PATCH', `${GIT}/refs/*ref`, updateRef),
  route('DELETE', `${GIT}/refs/*ref`, deleteRef),
  route('POST', `${GIT}/tags`, createTag),
  route('GET', `${GIT}/tags/:sha`, (ctx) => {
    const tag = ctx.repo.tags.get(ctx.params.sha ?? '')
    return tag ? json(200, tagJson(ctx, tag)) : notFound()
  }),
]
