import { describe, expect, it } from '@jest/globals'
import {
  FakeClock,
  done,
  failFast,
  retryWith,
  type AttemptOutcome,
} from '../retry/index.js'
import { MemoryLogger } from '../runner/index.js'
import type { HealthCheck } from './check.js'
import { runChecks } from './run-checks.js'

// A check that answers from a script, one outcome an attempt, the last repeating.
function scripted(
  name: string,
  outcomes: AttemptOutcome<string>[],
): HealthCheck {
  return {
    kind: 'http',
    name,
    attempt: (n) => Promise.resolve(outcomes[Math.min(n, outcomes.length) - 1]),
  }
}

describe('runChecks', () => {
  it('reports each check: attempts, last status and time to healthy', async () => {
    const clock = new FakeClock()
    const logger = new MemoryLogger()
    const checks = [
      scripted('GET http://a/health', [
        retryWith('connection refused (127.0.0.1:1)'),
        retryWith('503 Service Unavailable'),
        done('', '200 OK'),
      ]),
      scripted('argocd/api', [done('Synced at 1a2b3c4', 'Healthy')]),
    ]
    const reports = await clock.run(runChecks(checks, { logger, clock }))
    expect(reports).toEqual([
      {
        name: 'GET http://a/health',
        kind: 'http',
        healthy: true,
        attempts: 3,
        lastStatus: '200 OK',
        timeToHealthyMs: 15_000,
        elapsedMs: 15_000,
        stoppedBy: 'done',
      },
      expect.objectContaining({
        name: 'argocd/api',
        healthy: true,
        attempts: 1,
        detail: 'Synced at 1a2b3c4',
        timeToHealthyMs: 0,
      }),
    ])
    expect(logger.at('info')).toEqual([
      'GET http://a/health: attempt 1 of 5: connection refused (127.0.0.1:1), next in 5 s',
      'argocd/api: attempt 1 of 5: Healthy',
      'GET http://a/health: attempt 2 of 5: 503 Service Unavailable, next in 10 s',
      'GET http://a/health: attempt 3 of 5: 200 OK',
    ])
  })

  it('says why a check is unhealthy in one sentence', async () => {
    const clock = new FakeClock()
    const reports = await clock.run(
      runChecks(
        [
          scripted('always-503', [retryWith('503 Service Unavailable')]),
          scripted('tls', [failFast('TLS error: self-signed certificate')]),
        ],
        { logger: new MemoryLogger(), clock },
      ),
    )
    expect(reports.map((r) => [r.healthy, r.stoppedBy, r.failure])).toEqual([
      [
        false,
        'attempts',
        'unhealthy after 5 attempts (last: 503 Service Unavailable) in 1 min 15 s',
      ],
      [
        false,
        'fail-fast',
        'unhealthy: TLS error: self-signed certificate (not retried)',
      ],
    ])
    expect(reports[0]).not.toHaveProperty('timeToHealthyMs')
  })
})
