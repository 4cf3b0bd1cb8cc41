import { describe, expect, it } from '@jest/globals'
import type { CommandResult } from '../../../lib/command/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  classifyPushError,
  errorLines,
  retryDelay,
  withPushRetries,
} from '../src/push-retry.js'

// Error lines in buildx's wording, from docker/build-push-action and
// moby/buildkit issues about failed pushes to GHCR and Docker Hub.
const PUSH = 'ERROR: failed to solve: failed to push ghcr.io/org/app:1.2.3'

describe('classifyPushError', () => {
  it.each([
    [
      `${PUSH}: unexpected status from PUT request to https://ghcr.io/v2/org/app/blobs/uploads/: 503 Service Unavailable`,
      'transient',
    ],
    [`${PUSH}: unexpected status: 502 Bad Gateway`, 'transient'],
    [`${PUSH}: unexpected status code 500`, 'transient'],
    [`${PUSH}: toomanyrequests: retry-after: 1.2s`, 'transient'],
    [`${PUSH}: unexpected status: 429 Too Many Requests`, 'transient'],
    [`${PUSH}: net/http: TLS handshake timeout`, 'transient'],
    [`${PUSH}: dial tcp 140.82.112.33:443: i/o timeout`, 'transient'],
    [`${PUSH}: context deadline exceeded`, 'transient'],
    [`${PUSH}: read tcp: connection reset by peer`, 'transient'],
    [`${PUSH}: Patch "https://ghcr.io/v2/...": EOF`, 'transient'],
    [`${PUSH}: denied: permission_denied: write_package`, 'denied'],
    [
      `${PUSH}: unexpected status from HEAD request: 401 Unauthorized`,
      'denied',
    ],
    [`${PUSH}: unexpected status: 403 Forbidden`, 'denied'],
    [`${PUSH}: unexpected status: 400 Bad Request`, 'other'],
    [
      'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2',
      'build',
    ],
    // A private base image the build may not pull is no refused push.
    [
      'ERROR: failed to solve: ghcr.io/org/base:1: failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized',
      'build',
    ],
    [
      'ERROR: failed to solve: failed to fetch oauth token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aorg%2Fapp%3Apull%2Cpush: 403 Forbidden',
      'denied',
    ],
    [
      'ERROR: failed to solve: process "/bin/sh -c git push origin HEAD" did not complete successfully: exit code: 128',
      'build',
    ],
    ['no error line at all', 'build'],
  ])('reads %s as %s', (stderr, failure) => {
    expect(classifyPushError(stderr)).toBe(failure)
  })

  it('reads only the error lines, not the build log above them', () => {
    const log = [
      '#7 [build 3/4] RUN make test',
      '#7 0.412 GET /health 500 Internal Server Error (expected in this test)',
      '#7 0.413 unexpected EOF in fixture',
      'ERROR: failed to solve: process "/bin/sh -c make test" did not complete successfully: exit code: 2',
    ].join('\n')
    expect(errorLines(log)).toEqual([
      'ERROR: failed to solve: process "/bin/sh -c make test" did not complete successfully: exit code: 2',
    ])
    expect(classifyPushError(log)).toBe('build')
  })

  it('falls back to the last lines when none says ERROR', () => {
    expect(errorLines('a\nb\n\nc\nd\n')).toEqual(['b', 'c', 'd'])
  })
})

describe('retryDelay', () => {
  it.each([
    [1, 2000],
    [2, 4000],
    [3, 8000],
    [10, 30000],
  ])('waits before retry %i for %i ms', (n, ms) => {
    expect(retryDelay(n)).toBe(ms)
  })
})

function scripted(...stderrs: (string | null)[]): {
  attempt: () => Promise<CommandResult>
  count: () => number
} {
  let n = 0
  return {
    attempt: () => {
      const stderr = stderrs[n] ?? null
      n += 1
      return Promise.resolve(
        stderr === null
          ? { exitCode: 0, stdout: '', stderr: '' }
          : { exitCode: 1, stdout: '', stderr },
      )
    },
    count: () => n,
  }
}

describe('withPushRetries', () => {
  const E503 = `${PUSH}: 503 Service Unavailable`

  it('tries again after a passing failure, pausing longer each time', async () => {
    const logger = new MemoryLogger()
    const pauses: number[] = []
    const tool = scripted(E503, E503, null)
    const outcome = await withPushRetries(tool.attempt, {
      retries: 3,
      sleep: (ms) => {
        pauses.push(ms)
        return Promise.resolve()
      },
      logger,
      image: 'ghcr.io/org/app',
    })
    expect(outcome).toMatchObject({ attempts: 3, result: { exitCode: 0 } })
    expect(outcome.failure).toBeUndefined()
    expect(pauses).toEqual([2000, 4000])
    expect(logger.at('info')).toEqual([
      `ghcr.io/org/app: build and push attempt 1 of 4 failed (a passing registry fault): ${E503}`,
      `ghcr.io/org/app: build and push attempt 2 of 4 failed (a passing registry fault): ${E503}`,
    ])
    expect(logger.at('warning')[0]).toContain('trying again in 2 s')
  })

  it('stops at once on a refusal', async () => {
    const tool = scripted(`${PUSH}: denied: permission_denied`, null)
    const outcome = await withPushRetries(tool.attempt, {
      retries: 3,
      sleep: () => Promise.reject(new Error('must not pause')),
      logger: new MemoryLogger(),
      image: 'ghcr.io/org/app',
    })
    expect(outcome).toMatchObject({ attempts: 1, failure: 'denied' })
    expect(tool.count()).toBe(1)
  })

  it.each([
    [
      'a failed build as no push attempt',
      'ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
      'build',
      'ghcr.io/org/app: the build failed before any push (not retried): ERROR: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
    ],
    [
      'a refused push as the attempt it was',
      `${PUSH}: denied: permission_denied`,
      'denied',
      `ghcr.io/org/app: build and push attempt 1 of 4 failed (the registry refused the push): ${PUSH}: denied: permission_denied`,
    ],
  ])('logs %s, and stops', async (_, stderr, failure, line) => {
    const logger = new MemoryLogger()
    const tool = scripted(stderr, null)
    const outcome = await withPushRetries(tool.attempt, {
      retries: 3,
      sleep: () => Promise.reject(new Error('must not pause')),
      logger,
      image: 'ghcr.io/org/app',
    })
    expect(outcome).toMatchObject({ attempts: 1, failure })
    expect(logger.at('info')).toEqual([line])
  })

  it('gives up when the retries run out', async () => {
    const tool = scripted(E503, E503, E503, null)
    const outcome = await withPushRetries(tool.attempt, {
      retries: 2,
      sleep: () => Promise.resolve(),
      logger: new MemoryLogger(),
      image: 'ghcr.io/org/app',
    })
    expect(outcome).toMatchObject({ attempts: 3, failure: 'transient' })
    expect(tool.count()).toBe(3)
  })
})
