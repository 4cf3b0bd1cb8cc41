import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitHubApi } from '../../test/support/github-api.js'
import { startGitHubApi } from '../../test/support/github-api.js'
import { MemoryLogger } from '../runner/logger.js'
import { apiMessage, httpStatus, isAlreadyExists } from './errors.js'
import { createGitHubClient } from './octokit.js'

let api: GitHubApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

describe('createGitHubClient', () => {
  it('talks to the API root it is given, with the token', async () => {
    api = await startGitHubApi({ token: 't0ken' })
    const octokit = createGitHubClient({
      token: 't0ken',
      apiUrl: `${api.url}/`,
      logger: new MemoryLogger(),
    })
    const { data } = await octokit.rest.repos.createRelease({
      owner: 'o',
      repo: 'r',
      tag_name: 'v1.0.0',
    })
    expect(data.tag_name).toBe('v1.0.0')
    expect(api.requests[0]?.headers.authorization).toBe('token t0ken')
  })

  it('retries a 5xx, and gives up with the status when told not to retry', async () => {
    api = await startGitHubApi()
    api.faults.inject({ path: '/releases' }, { status: 502 })
    const logger = new MemoryLogger()
    const patient = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger,
      retries: 1,
    })
    expect(
      (await patient.rest.repos.listReleases({ owner: 'o', repo: 'r' })).status,
    ).toBe(200)
    api.faults.inject({ path: '/releases' }, { status: 502 })
    const hasty = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger,
      retries: 0,
    })
    const error: unknown = await hasty.rest.repos
      .listReleases({ owner: 'o', repo: 'r' })
      .catch((e: unknown) => e)
    expect(httpStatus(error)).toBe(502)
  })

  it('abandons a hung request after its timeout', async () => {
    api = await startGitHubApi()
    api.faults.inject({ path: '/releases' }, { hang: true })
    const octokit = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger: new MemoryLogger(),
      retries: 0,
      timeoutMs: 200,
    })
    await expect(
      octokit.rest.repos.listReleases({ owner: 'o', repo: 'r' }),
    ).rejects.toThrow()
  })

  it('waits out a secondary rate limit with a warning', async () => {
    api = await startGitHubApi()
    api.faults.inject(
      { path: '/releases' },
      { secondaryRateLimit: { retryAfter: 1 } },
    )
    const logger = new MemoryLogger()
    const octokit = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger,
      retries: 1,
    })
    expect(
      (await octokit.rest.repos.listReleases({ owner: 'o', repo: 'r' })).status,
    ).toBe(200)
    expect(logger.at('warning')).toEqual([
      expect.stringMatching(/hit the secondary rate limit; retrying in 1 s/),
    ])
  })
})

describe('rate limits', () => {
  it('gives up at once when GitHub asks for a wait longer than a job should idle', async () => {
    api = await startGitHubApi()
    api.faults.inject(
      { path: '/releases' },
      { secondaryRateLimit: { retryAfter: 3600 } },
    )
    const logger = new MemoryLogger()
    const octokit = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger,
      retries: 3,
    })
    const started = Date.now()
    await expect(
      octokit.rest.repos.listReleases({ owner: 'o', repo: 'r' }),
    ).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(5000)
    expect(logger.at('warning')).toEqual([
      expect.stringMatching(
        /giving up \(GitHub asks to wait 3600 s; at most 120 s are waited\)/,
      ),
    ])
  })
})

describe('GitHub errors', () => {
  it('reads the status, the already_exists code and the message', async () => {
    api = await startGitHubApi()
    const octokit = createGitHubClient({
      token: 't',
      apiUrl: api.url,
      logger: new MemoryLogger(),
      retries: 0,
    })
    await octokit.rest.repos.createRelease({
      owner: 'o',
      repo: 'r',
      tag_name: 'v1',
    })
    const error: unknown = await octokit.rest.repos
      .createRelease({ owner: 'o', repo: 'r', tag_name: 'v1' })
      .catch((e: unknown) => e)
    expect(httpStatus(error)).toBe(422)
    expect(isAlreadyExists(error)).toBe(true)
    expect(apiMessage(error)).toBe('Validation Failed: tag_name already_exists')
    expect(httpStatus('x')).toBeUndefined()
    expect(isAlreadyExists(new Error('x'))).toBe(false)
    expect(apiMessage(new Error('plain'))).toBe('plain')
  })
})
