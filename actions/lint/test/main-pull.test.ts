import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitHubApi } from '../../../test/support/github-api.js'
import {
  expectOk,
  loadEvent,
  runLint,
  seedPull,
  shown,
  startApi,
  TOKEN,
} from './lint-run.js'

// main.ts for pull_request, pull_request_target and merge_group events, in
// this process, against the GitHub API stand-in (C48, C50, C70).

const HEAD = { ref: 'fix/update-stuff', sha: 'a'.repeat(40) }
const BASE = { ref: 'main', sha: 'b'.repeat(40) }
const BODY = 'Retries the upload once when the registry answers 502.'

const apis: GitHubApi[] = []
afterEach(async () => {
  await Promise.all(apis.splice(0).map((api) => api.close()))
})

async function api(): Promise<GitHubApi> {
  const started = await startApi()
  apis.push(started)
  return started
}

describe('the lint stage on GitHub events', () => {
  it('C48 (a) passes a pull request whose edit fixed the title', async () => {
    const stub = await api()
    seedPull(stub, 12, {
      title: 'fix: update stuff',
      body: BODY,
      head: HEAD,
      base: BASE,
    })
    const step = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-edited'),
    )
    expectOk(step)
    expect(step.outputs).toEqual({
      passed: 'true',
      status: 'passed',
      type: 'fix',
      scope: '',
      breaking: 'false',
      findings: '[]',
      'unchecked-files': '[]',
    })
    expect(step.summary).toContain('### lint: every check passed')
  })

  it('C48 reads the title afresh, so a re-run after an edit sees the new one', async () => {
    const stub = await api()
    seedPull(stub, 12, {
      title: 'fix: update stuff',
      body: BODY,
      head: HEAD,
      base: BASE,
    })
    const stale = loadEvent('pull_request-opened')
    const step = await runLint(stub, 'pull_request', {
      ...stale,
      pull_request: {
        ...(stale.pull_request as object),
        title: 'update stuff',
      },
    })
    expectOk(step)
    expect(step.outputs['type']).toBe('fix')
  })

  it('C48 (b) passes a merge group by looking up its pull request', async () => {
    const stub = await api()
    seedPull(stub, 12, { title: 'feat: x', body: BODY, head: HEAD, base: BASE })
    const step = await runLint(stub, 'merge_group', loadEvent('merge_group'))
    expectOk(step)
    expect(step.outputs['passed']).toBe('true')
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/example-org/cortex/pulls/12',
      'GET /repos/example-org/cortex/pulls/12/files',
    ])
  })

  it('fails a merge group whose pull request fails, naming it', async () => {
    const stub = await api()
    seedPull(stub, 12, {
      title: 'update stuff',
      body: BODY,
      head: HEAD,
      base: BASE,
    })
    const step = await runLint(stub, 'merge_group', loadEvent('merge_group'))
    expect(step.failed).toBe(true)
    expect(JSON.parse(step.outputs['findings'] ?? '')).toEqual([
      { check: 'title', message: 'missing `type:` prefix', pull: 12 },
    ])
    expect(step.log).toContain(
      '::error title=Pull request title of #12::missing `type:` prefix',
    )
    expect(step.log).toContain(
      '::error::lint found 1 problem; see the annotations and the step summary',
    )
  })

  it('C50 checks the head ref, never GITHUB_REF, and prints pattern and ref', async () => {
    const stub = await api()
    seedPull(stub, 12, {
      title: 'feat: login page',
      body: BODY,
      head: { ref: 'Feature/Login', sha: HEAD.sha },
      base: BASE,
    })
    const step = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-opened'),
      {
        'branch-pattern': '^(feat|fix|chore|docs)/[a-z0-9._-]+$',
      },
    )
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '::error title=Branch name of #12::branch `Feature/Login` does not match the pattern ^(feat|fix|chore|docs)/[a-z0-9._-]+$',
    )
    expect(step.log).not.toContain('refs/pull/7/merge')
  })

  it('C70 checks a fork with read access only and writes nothing', async () => {
    const stub = await api()
    seedPull(stub, 31, {
      title: 'docs(readme): fix the install command',
      body: 'Names the right package in the install command.',
      head: { ref: 'patch-1', sha: HEAD.sha },
      base: BASE,
      files: [
        {
          filename: 'src/cli.ts',
          status: 'modified',
          additions: 1,
          deletions: 0,
          patch: '@@ -4,0 +5,1 @@\n+debugger',
        },
      ],
    })
    const step = await runLint(
      stub,
      'pull_request_target',
      loadEvent('pull_request-fork'),
    )
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '#31 comes from a fork: the checks read it and write nothing',
    )
    expect(step.log).toContain(
      '::error title=Added line of #31,file=src/cli.ts,line=5::',
    )
    expect(stub.requests.every((r) => r.method === 'GET')).toBe(true)
  })

  it('warns instead of failing when fail-on is never', async () => {
    const stub = await api()
    seedPull(stub, 12, { title: 'fix(): x', body: '', head: HEAD, base: BASE })
    const step = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-opened'),
      {
        'fail-on': 'never',
      },
    )
    expectOk(step)
    expect(step.outputs['passed']).toBe('false')
    expect(step.log).toContain(
      '::warning title=Pull request title of #12::empty scope. Fix: name a scope or drop the parentheses',
    )
    expect(step.log).toContain(
      '::warning title=Pull request description of #12::the description is empty',
    )
  })

  it('C47 reports a WIP title as pending without failing the step', async () => {
    const stub = await api()
    seedPull(stub, 12, {
      title: 'WIP feat: x',
      body: BODY,
      head: HEAD,
      base: BASE,
    })
    const step = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-opened'),
      {
        wip: 'pending',
      },
    )
    expectOk(step)
    expect(step.outputs).toMatchObject({
      passed: 'false',
      status: 'pending',
      findings: '[]',
    })
    expect(step.summary).toContain('### lint: pending')
  })

  it('refuses an event that has no pull request', async () => {
    const stub = await api()
    const step = await runLint(stub, 'push', {})
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '::error::Configuration error: GITHUB_EVENT_NAME: got "push"; expected one of pull_request, pull_request_target, merge_group',
    )
    expect(stub.requests).toEqual([])
  })

  it('C48 checks title and description from the payload without a token', async () => {
    const stub = await api()
    const event = loadEvent('pull_request-edited')
    const step = await runLint(stub, 'pull_request', event, {
      token: '',
      checks: 'title, description',
    })
    expectOk(step)
    expect(step.outputs['type']).toBe('fix')
    expect(stub.requests).toEqual([])
    const files = await runLint(stub, 'pull_request', event, {
      token: '',
    })
    expect(files.log).toContain(
      "::error::Configuration error: input 'token': got \"\"; expected a token that can read the pull request's files",
    )
  })

  it('needs a token for a merge group', async () => {
    const stub = await api()
    const step = await runLint(stub, 'merge_group', loadEvent('merge_group'), {
      token: '',
    })
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '::error::Configuration error: input \'token\': got ""; expected a token that can read the pull requests of a merge group',
    )
  })

  it('never shows the token, whether the run passes or GitHub refuses', async () => {
    const stub = await api()
    seedPull(stub, 12, { title: 'fix: x', body: BODY, head: HEAD, base: BASE })
    const passing = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-opened'),
    )
    expectOk(passing)
    stub.faults.inject(
      { path: '/pulls/12' },
      {
        status: 403,
        message: `Resource not accessible by integration ${TOKEN}`,
      },
    )
    const refused = await runLint(
      stub,
      'pull_request',
      loadEvent('pull_request-opened'),
    )
    expect(refused.failed).toBe(true)
    expect(refused.log).toContain(
      'could not read pull request #12 of example-org/cortex',
    )
    for (const step of [passing, refused]) {
      expect(step.log).toContain(`::add-mask::${TOKEN}`)
      expect(shown(step)).not.toContain(TOKEN)
    }
  })
})
