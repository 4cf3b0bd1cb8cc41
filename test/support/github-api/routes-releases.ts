// Releases and release assets: list, get (by id, by tag, latest), create,
// update, delete; asset upload, list, get, delete and download.
// https://docs.github.com/rest/releases/releases
// https://docs.github.com/rest/releases/assets
import { createHash } from 'node:crypto'
import { paginate } from './pagination.js'
import {
  booleanField,
  fieldsOf,
  json,
  nodeId,
  notFound,
  repoApi,
  repoWeb,
  route,
  stringField,
  unprocessable,
  userJson,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from './route.js'
import type { Asset, Release, RepoState } from './state.js'

const REPO = '/repos/:owner/:repo'

/** GitHub's renaming of asset names: odd characters become periods. */
export function githubAssetName(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, '.')
}

function releaseJson(ctx: RouteContext, r: Release): Record<string, unknown> {
  const api = `${repoApi(ctx)}/releases/${r.id}`
  const tag = encodeURIComponent(r.tag_name)
  return {
    url: api,
    assets_url: `${api}/assets`,
    upload_url: `${ctx.urls.uploads}/repos/${ctx.repo.fullName}/releases/${r.id}/assets{?name,label}`,
    html_url: `${repoWeb(ctx)}/releases/tag/${tag}`,
    id: r.id,
    author: userJson(ctx),
    node_id: nodeId('RE', r.id),
    tag_name: r.tag_name,
    target_commitish: r.target_commitish,
    name: r.name,
    draft: r.draft,
    immutable: r.immutable,
    prerelease: r.prerelease,
    created_at: r.created_at,
    updated_at: r.created_at,
    published_at: r.published_at,
    assets: r.assets.map((a) => assetJson(ctx, r, a)),
    tarball_url: `${repoApi(ctx)}/tarball/${tag}`,
    zipball_url: `${repoApi(ctx)}/zipball/${tag}`,
    body: r.body,
  }
}

function assetJson(ctx: RouteContext, r: Release, a: Asset): unknown {
  const tag = encodeURIComponent(r.tag_name)
  return {
    url: `${repoApi(ctx)}/releases/assets/${a.id}`,
    id: a.id,
    node_id: nodeId('RA', a.id),
    name: a.name,
    label: a.label,
    uploader: userJson(ctx),
    content_type: a.content_type,
    state: 'uploaded',
    size: a.data.length,
    digest: `sha256:${createHash('sha256').update(a.data).digest('hex')}`,
    download_count: a.download_count,
    created_at: a.created_at,
    updated_at: a.created_at,
    browser_download_url: `${repoWeb(ctx)}/releases/download/${tag}/${encodeURIComponent(a.name)}`,
  }
}

function findRelease(ctx: RouteContext): Release | undefined {
  return ctx.repo.releases.get(Number(ctx.params.release_id))
}

function findAsset(ctx: RouteContext): [Release, Asset] | undefined {
  const id = Number(ctx.params.asset_id)
  for (const release of ctx.repo.releases.values()) {
    const asset = release.assets.find((a) => a.id === id)
    if (asset) return [release, asset]
  }
  return undefined
}

/** The latest release: the one last published as latest, else the newest. */
function latestRelease(repo: RepoState): Release | undefined {
  const candidates = [...repo.releases.values()].filter(
    (r) => !r.draft && !r.prerelease,
  )
  const chosen = candidates.find((r) => r.id === repo.latestReleaseId)
  return chosen ?? candidates.sort((a, b) => b.id - a.id)[0]
}

/** Applies the writable fields of a create or update body. */
function applyFields(ctx: RouteContext, release: Release): Reply | undefined {
  const b = ctx.body
  const tag = stringField(b, 'tag_name')
  const other = tag === undefined ? undefined : ctx.repo.releaseByTag(tag)
  if (other && other.id !== release.id) {
    return validationFailed('Release', 'tag_name')
  }
  const wasDraft = release.draft
  release.tag_name = tag ?? release.tag_name
  release.target_commitish =
    stringField(b, 'target_commitish') ?? release.target_commitish
  release.name = stringField(b, 'name') ?? release.name
  release.body = stringField(b, 'body') ?? release.body
  release.draft = booleanField(b, 'draft') ?? release.draft
  release.prerelease = booleanField(b, 'prerelease') ?? release.prerelease
  release.make_latest = stringField(b, 'make_latest') ?? release.make_latest
  if (wasDraft && !release.draft) {
    release.published_at = ctx.state.timestamp()
    release.immutable ||= ctx.repo.immutableReleases
  }
  if (!release.draft && !release.prerelease && release.make_latest !== 'false')
    ctx.repo.latestReleaseId = release.id
  return undefined
}

function createRelease(ctx: RouteContext): Reply {
  const tag = stringField(ctx.body, 'tag_name')
  if (!tag) return validationFailed('Release', 'tag_name', 'missing_field')
  if (ctx.repo.releaseByTag(tag)) return validationFailed('Release', 'tag_name')
  const draft = booleanField(ctx.body, 'draft') ?? false
  const release = ctx.repo.seedRelease({
    tag_name: tag,
    name: null,
    draft,
    immutable: !draft && ctx.repo.immutableReleases,
  })
  applyFields(ctx, release)
  return json(201, releaseJson(ctx, release))
}

function updateRelease(ctx: RouteContext, release: Release): Reply {
  if (release.immutable) {
    const allowed = new Set(['name', 'body', 'make_latest'])
    const keys = Object.keys(fieldsOf(ctx.body))
    if (keys.some((k) => !allowed.has(k))) {
      return unprocessable(
        'Cannot modify an immutable release: only its name and body can change.',
      )
    }
  }
  return applyFields(ctx, release) ?? json(200, releaseJson(ctx, release))
}

function uploadAsset(ctx: RouteContext, release: Release): Reply {
  if (release.immutable) {
    return unprocessable('Cannot upload assets to an immutable release.')
  }
  const given = ctx.query.get('name')
  if (!given) return validationFailed('ReleaseAsset', 'name', 'missing_field')
  const name = githubAssetName(given)
  if (release.assets.some((a) => a.name === name)) {
    return validationFailed('ReleaseAsset', 'name')
  }
  const asset: Asset = {
    id: ctx.state.nextId(),
    name,
    label: ctx.query.get('label'),
    content_type: ctx.headers['content-type'] ?? 'application/octet-stream',
    data: ctx.raw,
    download_count: 0,
    created_at: ctx.state.timestamp(),
  }
  release.assets.push(asset)
  return json(201, assetJson(ctx, release, asset))
}

function download(release: Release, asset: Asset): Reply {
  asset.download_count += 1
  const headers = { 'content-type': asset.content_type }
  return { status: 200, raw: asset.data, headers }
}

/** Runs `then` on the release named by the path, or answers 404. */
function withRelease(then: (ctx: RouteContext, r: Release) => Reply) {
  return (ctx: RouteContext): Reply => {
    const release = findRelease(ctx)
    return release ? then(ctx, release) : notFound()
  }
}

/** Runs `then` on the asset named by the path, or answers 404. */
function withAsset(then: (ctx: RouteContext, r: Release, a: Asset) => Reply) {
  return (ctx: RouteContext): Reply => {
    const found = findAsset(ctx)
    return found ? then(ctx, ...found) : notFound()
  }
}

/** The release and release asset endpoints. */
export const releaseRoutes: Route[] = [
  route('GET', `${REPO}/releases`, (ctx) => {
    const newestFirst = [...ctx.repo.releases.values()].reverse()
    return paginate(ctx, newestFirst, (r) => releaseJson(ctx, r))
  }),
  route('POST', `${REPO}/releases`, createRelease),
  route('GET', `${REPO}/releases/latest`, (ctx) => {
    const release = latestRelease(ctx.repo)
    return release ? json(200, releaseJson(ctx, release)) : notFound()
  }),
  route('GET', `${REPO}/releases/tags/*tag`, (ctx) => {
    // Drafts have no tag yet as far as GitHub is concerned.
    const release = ctx.repo.releaseByTag(ctx.params.tag ?? '')
    if (!release || release.draft) return notFound()
    return json(200, releaseJson(ctx, release))
  }),
  route(
    'GET',
    `${REPO}/releases/assets/:asset_id`,
    withAsset((ctx, release, asset) => {
      const wantsBytes = ctx.headers.accept === 'application/octet-stream'
      if (wantsBytes) return download(release, asset)
      return json(200, assetJson(ctx, release, asset))
    }),
  ),
  route(
    'DELETE',
    `${REPO}/releases/assets/:asset_id`,
    withAsset((_ctx, release, asset) => {
      if (release.immutable) {
        return unprocessable('Cannot delete assets of an immutable release.')
      }
      release.assets.splice(release.assets.indexOf(asset), 1)
      return { status: 204 }
    }),
  ),
  route(
    'GET',
    `${REPO}/releases/:release_id`,
    withRelease((ctx, r) => json(200, releaseJson(ctx, r))),
  ),
  route('PATCH', `${REPO}/releases/:release_id`, withRelease(updateRelease)),
  route(
    'DELETE',
    `${REPO}/releases/:release_id`,
    withRelease((ctx, release) => {
      ctx.repo.releases.delete(release.id)
      return { status: 204 }
    }),
  ),
  route(
    'GET',
    `${REPO}/releases/:release_id/assets`,
    withRelease((ctx, r) =>
      paginate(ctx, r.assets, (a) => assetJson(ctx, r, a)),
    ),
  ),
  route(
    'POST',
    `/uploads${REPO}/releases/:release_id/assets`,
    withRelease(uploadAsset),
  ),
  route('GET', '/web/:owner/:repo/releases/download/:tag/:name', (ctx) => {
    const release = ctx.repo.releaseByTag(ctx.params.tag ?? '')
    const asset = release?.assets.find((a) => a.name === ctx.params.name)
    return release && asset ? download(release, asset) : notFound()
  }),
]
