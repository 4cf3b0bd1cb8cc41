import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitHubApi } from '../../../test/support/github-api.js'
import { fetchJson } from '../../../test/support/github-api/fetch-json.js'
import { wantsDiff } from '../../../test/support/github-api/routes-pull-files.js'
import { c51Files } from './c51-files.js'
import {
  REPOSITORY,
  TOKEN,
  expectOk,
  loadEvent,
  runLint,
  seedPull,
  startApi,
} from './lint-run.js'

// C51 (/work/shared/cases/CASES.md, section G) end to end: a pull request
// of 350 files read through the paginated files endpoint, never the single
// diff that the stand-in, like GitHub, refuses past 300 files.

const apis: GitHubApi[] = []
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()))
})

async function c51Api(total: number): Promise<GitHubApi> {
  const api = await startApi()
  apis.push(api)
  seedPull(api, 12, {
    title: 'feat(dashboard): dark theme',
    body: 'Adds a dark theme that follows the system setting.',
    head: { ref: 'feat/dark-theme', sha: 'a'.repeat(40) },
    base: { ref: 'main' },
    files: c51Files(total),
  })
  return api
}

describe('the lint stage on a large pull request', () => {
  it('C51 reads 350 files page by page and finds the one console.log call', async () => {
    const api = await c51Api(350)
    const step = await runLint(
      api,
      'pull_request',
      loadEvent('pull_request-opened'),
    )
    expect(step.failed).toBe(true)
    expect(JSON.parse(step.outputs['findings'] ?? '')).toEqual([
      expect.objectContaining({
        check: 'added-lines',
        file: 'src/a.ts',
        line: 10,
      }),
    ])
    expect(step.log).toMatch(
      /^::error title=Added line of #12,file=src\/a\.ts,line=10::`console\.log\(` in an added line\. Fix: /m,
    )
    const pages = api.requests.filter((r) => r.path.endsWith('/pulls/12/files'))
    expect(pages.map((r) => [r.query['per_page'], r.query['page']])).toEqual([
      ['100', '1'],
      ['100', '2'],
      ['100', '3'],
      ['100', '4'],
    ])
    expect(api.requests.some((r) => wantsDiff(r.headers.accept))).toBe(false)
  })

  it('stops at 3 000 files (30 pages), as GitHub does, whatever the pages say', async () => {
    const api = await c51Api(3_150)
    await runLint(api, 'pull_request', loadEvent('pull_request-opened'))
    const pages = api.requests.filter((r) => r.path.endsWith('/pulls/12/files'))
    expect(pages.map((r) => r.query['page'])).toEqual(
      Array.from({ length: 30 }, (_, i) => String(i + 1)),
    )
  })

  it('C51 lists a code file without a patch as not checked', async () => {
    const api = await c51Api(350)
    const step = await runLint(
      api,
      'pull_request',
      loadEvent('pull_request-opened'),
    )
    expect(step.outputs['unchecked-files']).toBe('["src/huge.ts"]')
    expect(step.summary).toContain(
      'Not checked in #12 "feat(dashboard): dark theme": GitHub sent no patch (the file is too large or binary) for `src/huge.ts`.',
    )
    expect(step.log).toContain(
      '::warning title=Files not checked::1 changed code files came without a patch',
    )
  })

  it('passes with the added-lines check off, reading no files', async () => {
    const api = await c51Api(350)
    const step = await runLint(
      api,
      'pull_request',
      loadEvent('pull_request-opened'),
      {
        checks: 'title, description',
      },
    )
    expectOk(step)
    expect(api.requests.map((r) => r.path)).toEqual([
      `/repos/${REPOSITORY}/pulls/12`,
    ])
  })
})

describe('the stand-in single diff', () => {
  async function diff(api: GitHubApi) {
    return fetch(`${api.url}/repos/${REPOSITORY}/pulls/12`, {
      headers: {
        accept: 'application/vnd.github.v3.diff',
        authorization: `token ${TOKEN}`,
      },
    })
  }

  it('answers 406 past 300 files, as GitHub does', async () => {
    const answer = await diff(await c51Api(350))
    expect(answer.status).toBe(406)
    const body = (await answer.json()) as { message: string }
    expect(body.message).toContain(
      'the diff exceeded the maximum number of files (300)',
    )
  })

  it('gives the diff of a small pull request, and JSON without the media type', async () => {
    const api = await c51Api(10)
    const answer = await diff(api)
    expect(answer.status).toBe(200)
    const text = await answer.text()
    expect(text).toContain('diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts')
    expect(text).toContain(
      'Binary files a/src/huge.ts and b/src/huge.ts differ',
    )
    const json = await fetchJson(
      `${api.url}/repos/${REPOSITORY}/pulls/12`,
      'GET',
      undefined,
      {
        authorization: `token ${TOKEN}`,
      },
    )
    expect(json.body).toMatchObject({ number: 12, changed_files: 10 })
  })
})
