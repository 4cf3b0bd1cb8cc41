import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import {
  githubAssetName,
  startGitHubApi,
  type GitHubApi,
} from './github-api.js'
import { callApi, type JsonAnswer } from './github-api/fetch-json.js'

let api: GitHubApi

beforeEach(async () => {
  api = await startGitHubApi()
})
afterEach(async () => {
  await api.close()
})

/** Calls the stand-in's repository `acme/app` or any absolute URL. */
function call(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<JsonAnswer> {
  return callApi(api.url, method, path, body, headers)
}

type Json = Record<string, unknown>
const R = '/repos/acme/app'

async function createRelease(fields: Json): Promise<Json> {
  const { status, body } = await call('POST', `${R}/releases`, fields)
  expect(status).toBe(201)
  return body as Json
}

describe('startGitHubApi releases', () => {
  it('creates a release with the fields and URLs GitHub gives', async () => {
    const release = await createRelease({ tag_name: 'v1.0.0', name: 'v1' })
    const id = release.id as number
    expect(release).toMatchObject({
      tag_name: 'v1.0.0',
      name: 'v1',
      draft: false,
      prerelease: false,
      target_commitish: 'main',
      url: `${api.url}${R}/releases/${id}`,
      html_url: `${api.serverUrl}/acme/app/releases/tag/v1.0.0`,
      upload_url: `${api.url}/uploads${R}/releases/${id}/assets{?name,label}`,
      assets: [],
    })
    expect(typeof release.node_id).toBe('string')
    expect(api.state.repo('acme/app').releases.get(id)?.name).toBe('v1')
  })

  it('refuses a duplicate tag with GitHub’s validation body', async () => {
    await createRelease({ tag_name: 'v1' })
    const { status, body } = await call('POST', `${R}/releases`, {
      tag_name: 'v1',
    })
    expect(status).toBe(422)
    expect(body).toMatchObject({
      message: 'Validation Failed',
      errors: [
        { resource: 'Release', code: 'already_exists', field: 'tag_name' },
      ],
    })
  })

  it('hides drafts from the tag lookup until they are published', async () => {
    const draft = await createRelease({ tag_name: 'v2', draft: true })
    expect((await call('GET', `${R}/releases/tags/v2`)).status).toBe(404)
    const patched = await call('PATCH', `${R}/releases/${draft.id as number}`, {
      draft: false,
      make_latest: 'true',
    })
    expect(patched.body).toMatchObject({ draft: false })
    expect((await call('GET', `${R}/releases/tags/v2`)).status).toBe(200)
    const latest = await call('GET', `${R}/releases/latest`)
    expect(latest.body).toMatchObject({ id: draft.id })
    expect(
      (await call('DELETE', `${R}/releases/${draft.id as number}`)).status,
    ).toBe(204)
    expect(
      (await call('GET', `${R}/releases/${draft.id as number}`)).status,
    ).toBe(404)
  })

  it('pages releases 30 at a time with GitHub’s link header', async () => {
    const repo = api.state.repo('acme/app')
    for (let i = 0; i < 35; i += 1) repo.seedRelease({ tag_name: `v${i}` })
    const first = await call('GET', `${R}/releases`)
    expect((first.body as Json[]).length).toBe(30)
    expect((first.body as Json[])[0]?.tag_name).toBe('v34')
    const next = `${api.url}${R}/releases?page=2`
    expect(first.headers.get('link')).toBe(
      `<${next}>; rel="next", <${next}>; rel="last"`,
    )
    const second = await call('GET', `${R}/releases?per_page=30&page=2`)
    expect((second.body as Json[]).length).toBe(5)
    expect(second.headers.get('link')).toBe(
      `<${api.url}${R}/releases?per_page=30&page=1>; rel="prev", ` +
        `<${api.url}${R}/releases?per_page=30&page=1>; rel="first"`,
    )
    const all = await call('GET', `${R}/releases?per_page=500`)
    expect((all.body as Json[]).length).toBe(35)
    expect(all.headers.get('link')).toBeNull()
  })
})

describe('startGitHubApi release assets', () => {
  it.each([
    ['app-1.0.tar.gz', 'app-1.0.tar.gz'],
    ['my app (linux).zip', 'my.app..linux..zip'],
    ['c++_x~y.txt', 'c++_x.y.txt'],
  ])('stores %j as GitHub would: %j', (given, stored) => {
    expect(githubAssetName(given)).toBe(stored)
  })

  it('uploads, lists, downloads and deletes an asset', async () => {
    const release = await createRelease({ tag_name: 'v1', draft: true })
    const upload = (release.upload_url as string).replace(
      '{?name,label}',
      `?name=${encodeURIComponent('my app.zip')}&label=App`,
    )
    const bytes = Buffer.from('zip bytes')
    const res = await fetch(upload, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: bytes,
    })
    expect(res.status).toBe(201)
    const asset = (await res.json()) as Json
    expect(asset).toMatchObject({ name: 'my.app.zip', label: 'App', size: 9 })
    expect(api.requests.at(-1)).toMatchObject({ bytes: 9, body: undefined })

    const again = await fetch(upload, { method: 'POST', body: bytes })
    expect(again.status).toBe(422)

    const listed = await call(
      'GET',
      `${R}/releases/${release.id as number}/assets`,
    )
    expect(listed.body).toMatchObject([{ id: asset.id }])
    const download = await fetch(asset.browser_download_url as string)
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes)
    const raw = await fetch(
      `${api.url}${R}/releases/assets/${asset.id as number}`,
      {
        headers: { accept: 'application/octet-stream' },
      },
    )
    expect(await raw.text()).toBe('zip bytes')

    const gone = await call(
      'DELETE',
      `${R}/releases/assets/${asset.id as number}`,
    )
    expect(gone.status).toBe(204)
    expect(
      api.state.repo('acme/app').releases.get(release.id as number)?.assets,
    ).toEqual([])
  })

  it('refuses asset changes on an immutable release', async () => {
    api.state.repo('acme/app').immutableReleases = true
    const draft = await createRelease({ tag_name: 'v3', draft: true })
    expect(draft.immutable).toBe(false)
    const published = await call(
      'PATCH',
      `${R}/releases/${draft.id as number}`,
      {
        draft: false,
      },
    )
    expect(published.body).toMatchObject({ immutable: true })
    const res = await fetch(
      `${api.url}/uploads${R}/releases/${draft.id as number}/assets?name=late.txt`,
      { method: 'POST', body: 'late' },
    )
    expect(res.status).toBe(422)
    expect(((await res.json()) as Json).message).toMatch(/immutable/)
  })
})

describe('startGitHubApi through Octokit', () => {
  it('serves @actions/github: create, paginate and upload', async () => {
    const octokit = getOctokit('any-token', { baseUrl: api.url })
    const owner = 'acme'
    const repo = 'app'
    for (let i = 0; i < 45; i += 1) {
      await octokit.rest.repos.createRelease({ owner, repo, tag_name: `v${i}` })
    }
    const all = await octokit.paginate(octokit.rest.repos.listReleases, {
      owner,
      repo,
      per_page: 20,
    })
    expect(all.map((r) => r.tag_name)).toHaveLength(45)
    const { data: release } = await octokit.rest.repos.getReleaseByTag({
      owner,
      repo,
      tag: 'v7',
    })
    const viaTemplate = await octokit.request({
      method: 'POST',
      url: release.upload_url,
      name: 'notes v7.txt',
      data: 'seven',
      headers: { 'content-type': 'text/plain' },
    })
    expect(viaTemplate.status).toBe(201)
    const { data: asset } = await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      name: 'sums.txt',
      data: 'abc',
      // The default would be uploads.github.com; tests stay on loopback.
      baseUrl: api.uploadsUrl,
    })
    expect(asset.name).toBe('sums.txt')
    const assets = await octokit.paginate(
      octokit.rest.repos.listReleaseAssets,
      {
        owner,
        repo,
        release_id: release.id,
      },
    )
    expect(assets.map((a) => a.name)).toEqual(['notes.v7.txt', 'sums.txt'])
    await expect(
      octokit.rest.repos.createRelease({ owner, repo, tag_name: 'v1' }),
    ).rejects.toMatchObject({ status: 422 })
  })
})
