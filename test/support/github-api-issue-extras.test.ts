import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitHubApi } from './github-api.js'
import { startGitHubApi } from './github-api.js'
import { callApi } from './github-api/fetch-json.js'
import {
  READ_ONLY_MESSAGE,
  denyWrites,
  seedFile,
} from './github-api/routes-issue-extras.js'

// The stand-in's label updates, file contents at a ref, and the read-only
// token's 403 on writes.

let api: GitHubApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

async function start(): Promise<GitHubApi> {
  api = await startGitHubApi()
  return api
}

describe('repository contents', () => {
  it('answers a seeded file at its ref in base64, and 404 elsewhere', async () => {
    const { url, state } = await start()
    seedFile(state.repo('o/r'), 'abc123', '.gitattributes', '*.svg -diff\n')
    const found = await callApi(
      url,
      'GET',
      '/repos/o/r/contents/.gitattributes?ref=abc123',
    )
    const body = found.body as {
      type: string
      encoding: string
      content: string
      sha: string
    }
    expect(found.status).toBe(200)
    expect(body.type).toBe('file')
    expect(Buffer.from(body.content, 'base64').toString()).toBe('*.svg -diff\n')
    // git hash-object of the same bytes.
    expect(body.sha).toBe('e9eefdb3ac899b1499d621bae28f761e2adf3b6f')
    const other = await callApi(
      url,
      'GET',
      '/repos/o/r/contents/.gitattributes?ref=main',
    )
    expect(other.status).toBe(404)
  })
})

describe('label updates', () => {
  it('recolours and renames a label, on the issues that carry it too', async () => {
    const { url, state } = await start()
    const repo = state.repo('o/r')
    const issue = repo.seedIssue({ title: 't', labels: ['bug'] })
    const answer = await callApi(url, 'PATCH', '/repos/o/r/labels/bug', {
      new_name: 'defect',
      color: 'd73a4a',
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ name: 'defect', color: 'd73a4a' })
    expect(issue.labels).toEqual(['defect'])
    expect(
      (await callApi(url, 'PATCH', '/repos/o/r/labels/nope', {})).status,
    ).toBe(404)
  })
})

describe('denyWrites', () => {
  it('answers every write with the read-only 403 and lets reads through', async () => {
    const { url, state, faults } = await start()
    state.repo('o/r').seedIssue({ title: 't' })
    denyWrites(faults)
    const write = await callApi(url, 'POST', '/repos/o/r/issues/1/comments', {
      body: 'x',
    })
    expect(write.status).toBe(403)
    expect(write.body).toEqual({ message: READ_ONLY_MESSAGE })
    expect(
      (await callApi(url, 'DELETE', '/repos/o/r/issues/1/labels/x')).status,
    ).toBe(403)
    expect(
      (await callApi(url, 'GET', '/repos/o/r/issues/1/comments')).status,
    ).toBe(200)
    faults.clear()
    const after = await callApi(url, 'POST', '/repos/o/r/issues/1/comments', {
      body: 'x',
    })
    expect(after.status).toBe(201)
  })
})
