import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { TEST_IDENTITY, createRepo } from './git-repo.js'
import { startGitHubApi, type GitHubApi, type PullFile } from './github-api.js'
import { fetchJson } from './github-api/fetch-json.js'

let api: GitHubApi

beforeEach(async () => {
  api = await startGitHubApi()
})
afterEach(async () => {
  await api.close()
})

type Json = Record<string, unknown>

/** Calls the stand-in's repository `acme/app`. */
async function call(method: string, path: string, body?: unknown) {
  const url = `${api.url}/repos/acme/app${path}`
  const answer = await fetchJson(url, method, body)
  return { ...answer, link: answer.headers.get('link') }
}

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)

describe('startGitHubApi git refs and tags', () => {
  it('reads seeded refs and lists them by prefix', async () => {
    const repo = api.state.repo('acme/app')
    repo.seedRef('refs/tags/v1.0.0', A)
    repo.seedRef('tags/v1', A)
    repo.seedRef('heads/main', B)
    const one = await call('GET', '/git/ref/tags/v1')
    expect(one.body).toEqual({
      ref: 'refs/tags/v1',
      node_id: expect.any(String) as unknown,
      url: `${api.url}/repos/acme/app/git/refs/tags/v1`,
      object: {
        sha: A,
        type: 'commit',
        url: `${api.url}/repos/acme/app/git/commits/${A}`,
      },
    })
    const tags = await call('GET', '/git/matching-refs/tags/v1')
    expect((tags.body as Json[]).map((r) => r.ref)).toEqual([
      'refs/tags/v1',
      'refs/tags/v1.0.0',
    ])
    expect((await call('GET', '/git/ref/tags/v9')).status).toBe(404)
  })

  it('creates, moves and deletes refs as GitHub answers', async () => {
    const made = await call('POST', '/git/refs', {
      ref: 'refs/tags/v1',
      sha: A,
    })
    expect(made.status).toBe(201)
    const again = await call('POST', '/git/refs', {
      ref: 'refs/tags/v1',
      sha: B,
    })
    expect(again).toMatchObject({
      status: 422,
      body: { message: 'Reference already exists' },
    })
    const moved = await call('PATCH', '/git/refs/tags/v1', {
      sha: B,
      force: true,
    })
    expect(moved.body).toMatchObject({ object: { sha: B } })
    expect(api.state.repo('acme/app').refs.get('refs/tags/v1')).toBe(B)
    expect((await call('DELETE', '/git/refs/tags/v1')).status).toBe(204)
    const missing = await call('PATCH', '/git/refs/tags/v1', { sha: A })
    expect(missing.status).toBe(422)
  })

  it('refuses an update that is no fast forward, unless forced', async () => {
    const git = createRepo()
    try {
      const old = git.commit('one')
      const newer = git.commit('two')
      await api.close()
      api = await startGitHubApi({
        isAncestor: (a, d) => git.isAncestor(a, d),
      })
      api.state.repo('acme/app').seedRef('heads/main', newer)
      const back = await call('PATCH', '/git/refs/heads/main', { sha: old })
      expect(back).toMatchObject({
        status: 422,
        body: { message: 'Update is not a fast forward' },
      })
      const forced = { sha: old, force: true }
      expect((await call('PATCH', '/git/refs/heads/main', forced)).status).toBe(
        200,
      )
    } finally {
      git.cleanup()
    }
  })

  it('makes annotated tag objects with the SHA git would give', async () => {
    const git = createRepo()
    try {
      const commit = git.commit('feat: one')
      const local = git.tag('v1.0.0', { message: 'Release v1.0.0' })
      const made = await call('POST', '/git/tags', {
        tag: 'v1.0.0',
        message: 'Release v1.0.0',
        object: commit,
        type: 'commit',
        tagger: { ...TEST_IDENTITY, date: '2026-01-01T00:01:00Z' },
      })
      expect(made.status).toBe(201)
      expect(made.body).toMatchObject({ sha: local, tag: 'v1.0.0' })
      const read = await call('GET', `/git/tags/${local}`)
      expect(read.body).toMatchObject({
        object: { sha: commit, type: 'commit' },
      })
      await call('POST', '/git/refs', { ref: 'refs/tags/v1.0.0', sha: local })
      const ref = await call('GET', '/git/ref/tags/v1.0.0')
      expect(ref.body).toMatchObject({ object: { type: 'tag', sha: local } })
    } finally {
      git.cleanup()
    }
  })
})

describe('startGitHubApi issues, comments and labels', () => {
  it('creates, filters, closes and pages issues', async () => {
    const bug = await call('POST', '/issues', { title: 'Bug', labels: ['bug'] })
    expect(bug.status).toBe(201)
    expect(bug.body).toMatchObject({
      number: 1,
      state: 'open',
      labels: [{ name: 'bug' }],
      html_url: `${api.serverUrl}/acme/app/issues/1`,
    })
    await call('POST', '/issues', { title: 'Idea' })
    const bugs = await call('GET', '/issues?labels=BUG')
    expect((bugs.body as Json[]).map((i) => i.title)).toEqual(['Bug'])
    await call('PATCH', '/issues/1', { state: 'closed' })
    const open = await call('GET', '/issues')
    expect((open.body as Json[]).map((i) => i.number)).toEqual([2])
    const all = await call('GET', '/issues?state=all&per_page=1')
    expect(all.link).toContain('rel="next"')
  })

  it('adds, edits, lists and deletes comments', async () => {
    await call('POST', '/issues', { title: 'Discuss' })
    const made = await call('POST', '/issues/1/comments', { body: 'first' })
    const id = (made.body as Json).id as number
    await call('PATCH', `/issues/comments/${id}`, { body: 'edited' })
    const listed = await call('GET', '/issues/1/comments')
    expect(listed.body).toMatchObject([{ id, body: 'edited' }])
    expect((await call('GET', '/issues/1')).body).toMatchObject({ comments: 1 })
    expect((await call('DELETE', `/issues/comments/${id}`)).status).toBe(204)
    expect((await call('GET', `/issues/comments/${id}`)).status).toBe(404)
  })

  it('creates labels and adds and removes them on an issue', async () => {
    const made = await call('POST', '/labels', {
      name: 'size/S',
      color: '00ff00',
    })
    expect(made).toMatchObject({ status: 201, body: { color: '00ff00' } })
    expect((await call('POST', '/labels', { name: 'size/s' })).status).toBe(422)
    await call('POST', '/issues', { title: 'PR-ish' })
    const added = await call('POST', '/issues/1/labels', {
      labels: ['size/S', 'area/release'],
    })
    expect((added.body as Json[]).map((l) => l.name)).toEqual([
      'size/S',
      'area/release',
    ])
    const removed = await call('DELETE', '/issues/1/labels/size%2FS')
    expect((removed.body as Json[]).map((l) => l.name)).toEqual([
      'area/release',
    ])
    expect((await call('DELETE', '/issues/1/labels/size%2FS')).status).toBe(404)
    const labels = await call('GET', '/labels')
    expect((labels.body as Json[]).length).toBe(2)
  })
})

describe('startGitHubApi pull requests', () => {
  const files: PullFile[] = Array.from({ length: 35 }, (_, i) => ({
    filename: `src/file-${i}.ts`,
    status: 'modified',
    additions: 1,
    deletions: 0,
    ...(i === 0 ? {} : { patch: `@@ -0,0 +1 @@\n+line ${i}` }),
  }))

  it('serves seeded pull requests, their files and their commits', async () => {
    const repo = api.state.repo('acme/app')
    const pr = repo.seedPull({
      title: 'feat: x',
      head: { ref: 'feat/x', sha: A },
      base: { ref: 'main' },
      merge_commit_sha: B,
      files,
    })
    const got = await call('GET', `/pulls/${pr.number}`)
    expect(got.body).toMatchObject({
      number: 1,
      head: { ref: 'feat/x', sha: A, label: 'acme:feat/x' },
      base: { ref: 'main' },
      changed_files: 35,
      additions: 35,
    })
    const page = await call('GET', `/pulls/${pr.number}/files`)
    expect((page.body as Json[]).length).toBe(30)
    expect((page.body as Json[])[0]).not.toHaveProperty('patch')
    expect((page.body as Json[])[1]).toHaveProperty('patch')
    expect(page.link).toContain('page=2>; rel="next"')
    const byMerge = await call('GET', `/commits/${B}/pulls`)
    expect((byMerge.body as Json[]).map((p) => p.number)).toEqual([1])
    const inIssues = await call('GET', '/issues')
    expect(inIssues.body).toMatchObject([{ pull_request: {} }])
  })

  it('creates, filters and updates pull requests', async () => {
    api.state.repo('acme/app').seedRef('heads/feat/y', A)
    const body = { title: 'feat: y', head: 'acme:feat/y', base: 'main' }
    const made = await call('POST', '/pulls', body)
    expect(made.body).toMatchObject({ head: { sha: A }, state: 'open' })
    expect((await call('POST', '/pulls', body)).status).toBe(422)
    const found = await call('GET', '/pulls?head=acme:feat/y&base=main')
    expect((found.body as Json[]).length).toBe(1)
    const other = await call('GET', '/pulls?base=develop')
    expect(other.body).toEqual([])
    await call('PATCH', '/pulls/1', { state: 'closed', title: 'feat: z' })
    const closed = await call('GET', '/pulls?state=closed')
    expect(closed.body).toMatchObject([{ title: 'feat: z' }])
  })
})
