import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runChecks, type CheckReport } from '../../../lib/health/index.js'
import { FakeClock } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  startPrometheusApi,
  type PrometheusApi,
} from '../../../test/support/prometheus-api.js'
import { prometheusCheck } from '../src/prometheus-check.js'
import { parsePrometheusQueries } from '../src/prometheus-query.js'

// The Prometheus gate of the issue (error rate under 1 %, p95 latency
// under 500 ms) waited on by runChecks with the default back-off on a
// FakeClock, against the stand-in on 127.0.0.1.

const GATE = `
- name: error-rate
  query: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
  below: 0.01
- name: p95-latency-ms
  query: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000
  below: 500
`
const [ERRORS, LATENCY] = parsePrometheusQueries(GATE)

let prometheus: PrometheusApi
let clock: FakeClock
let logger: MemoryLogger
beforeEach(async () => {
  prometheus = await startPrometheusApi()
  clock = new FakeClock()
  logger = new MemoryLogger()
})
afterEach(() => prometheus.close())

function waitForGate(ioGraceMs?: number): Promise<CheckReport[]> {
  const checks = parsePrometheusQueries(GATE).map((q) =>
    prometheusCheck(q, { url: prometheus.url }),
  )
  return clock.run(
    runChecks(checks, { logger, clock }),
    ioGraceMs === undefined ? {} : { ioGraceMs },
  )
}

describe('the Prometheus gate', () => {
  it('passes once the error rate falls under 1 % and the latency is under 500 ms', async () => {
    prometheus.script(
      ERRORS.query,
      { vector: [{ value: '0.0312' }] },
      { vector: [{ value: '0.004' }] },
    )
    prometheus.script(LATENCY.query, { scalar: '212.5' })
    const reports = await waitForGate()
    expect(
      reports.map((r) => [r.name, r.healthy, r.attempts, r.lastStatus]),
    ).toEqual([
      ['prometheus/error-rate', true, 2, 'error-rate 0.004 < 0.01'],
      ['prometheus/p95-latency-ms', true, 1, 'p95-latency-ms 212.5 < 500'],
    ])
    expect(clock.slept).toEqual([5_000])
    expect(logger.at('info')).toContain(
      'prometheus/error-rate: attempt 1 of 5: error-rate 0.0312, not below 0.01, next in 5 s',
    )
  })

  it('fails at once on a query Prometheus cannot parse', async () => {
    prometheus.script(ERRORS.query, {
      error: '1:46: parse error: unexpected "}" in label matching',
    })
    prometheus.script(LATENCY.query, { scalar: '212.5' })
    const [errors] = await waitForGate()
    expect(errors).toMatchObject({
      healthy: false,
      attempts: 1,
      stoppedBy: 'fail-fast',
      failure:
        'unhealthy: Prometheus refused the query: bad_data: 1:46: parse error: unexpected "}" in label matching (not retried)',
    })
  })

  it('rides out Prometheus answering 503, on the back-off schedule', async () => {
    const unavailable = {
      status: 503,
      errorType: 'unavailable',
      error: 'TSDB not ready',
    }
    prometheus.script(ERRORS.query, unavailable, unavailable, {
      vector: [{ value: 0 }],
    })
    prometheus.script(LATENCY.query, { scalar: '212.5' })
    const [errors] = await waitForGate()
    expect(errors).toMatchObject({
      healthy: true,
      attempts: 3,
      timeToHealthyMs: 15_000,
    })
    expect(clock.slept).toEqual([5_000, 10_000])
    expect(logger.at('info')).toContain(
      'prometheus/error-rate: attempt 1 of 5: 503 Service Unavailable: unavailable: TSDB not ready, next in 5 s',
    )
  })

  it('stays unhealthy while the error rate stays high, with the last value', async () => {
    prometheus.script(ERRORS.query, { vector: [{ value: '0.05' }] })
    prometheus.script(LATENCY.query, { scalar: '212.5' })
    const [errors] = await waitForGate()
    expect(errors?.failure).toBe(
      'unhealthy after 5 attempts (last: error-rate 0.05, not below 0.01) in 1 min 15 s',
    )
    expect(clock.slept).toEqual([5_000, 10_000, 20_000, 40_000])
  })

  it('reports a query that hangs as timed out, and asks again', async () => {
    prometheus.script(
      ERRORS.query,
      { hang: true },
      { vector: [{ value: '0.002' }] },
    )
    prometheus.script(LATENCY.query, { scalar: '212.5' })
    const [errors] = await waitForGate(100)
    expect(errors).toMatchObject({ healthy: true, attempts: 2 })
    expect(logger.at('info')).toContain(
      'prometheus/error-rate: attempt 1 of 5: timeout after 10 s, next in 5 s',
    )
  })
})
