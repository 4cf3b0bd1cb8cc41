import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { AttemptOutcome } from '../../../lib/retry/index.js'
import {
  startPrometheusApi,
  type PromAnswer,
  type PrometheusApi,
} from '../../../test/support/prometheus-api.js'
import { prometheusCheck } from '../src/prometheus-check.js'
import type { PrometheusQuery } from '../src/prometheus-query.js'

// What one attempt of a Prometheus query check makes of each answer the
// instant query API can give: samples held to thresholds, empty results,
// the API's errors and the pages of proxies in front of it. The answers'
// JSON is the stand-in's (test/support/prometheus-api.ts).

const ERROR_RATE: PrometheusQuery = {
  name: 'error-rate',
  query:
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
  below: 0.01,
  allowEmpty: false,
}

let prometheus: PrometheusApi
beforeEach(async () => {
  prometheus = await startPrometheusApi()
})
afterEach(() => prometheus.close())

function attemptOnce(query: PrometheusQuery): Promise<AttemptOutcome<string>> {
  const check = prometheusCheck(query, { url: prometheus.url })
  return check.attempt(1, new AbortController().signal)
}

describe('prometheusCheck reading an answer', () => {
  const single = (value: number | string): PromAnswer => ({
    vector: [{ labels: { job: 'api' }, value }],
  })
  const series = (...values: number[]): PromAnswer => ({
    vector: values.map((value, i) => ({
      labels: { service: `mcp-${i}` },
      value,
    })),
  })
  const query = (facts: Partial<PrometheusQuery>): PrometheusQuery => ({
    name: 'q',
    query: 'q',
    allowEmpty: false,
    ...facts,
  })
  it.each<[string, PrometheusQuery, PromAnswer, AttemptOutcome<string>]>([
    [
      'is healthy when the sample is below its threshold',
      ERROR_RATE,
      single('0.004'),
      { kind: 'done', value: '', status: 'error-rate 0.004 < 0.01' },
    ],
    [
      'reads a scalar result',
      ERROR_RATE,
      { scalar: '0.004' },
      { kind: 'done', value: '', status: 'error-rate 0.004 < 0.01' },
    ],
    [
      'is healthy when the sample is above a floor',
      query({ name: 'rps', above: 100 }),
      single(120),
      { kind: 'done', value: '', status: 'rps 120 > 100' },
    ],
    [
      'is healthy inside a band',
      query({ name: 'ratio', above: 0.1, below: 1 }),
      single(0.5),
      { kind: 'done', value: '', status: 'ratio 0.5 > 0.1 and < 1' },
    ],
    [
      'is healthy when every series is below',
      ERROR_RATE,
      series(0.001, 0.004, 0),
      { kind: 'done', value: '', status: 'error-rate: 3 series, all < 0.01' },
    ],
    [
      'tries again while the sample is over its threshold',
      ERROR_RATE,
      single('0.02'),
      { kind: 'retry', reason: 'error-rate 0.02, not below 0.01' },
    ],
    [
      'counts a sample equal to the threshold as over it',
      ERROR_RATE,
      single('0.01'),
      { kind: 'retry', reason: 'error-rate 0.01, not below 0.01' },
    ],
    [
      'names the series over the threshold, and how many more are',
      ERROR_RATE,
      series(0.001, 0.02, 0.5),
      {
        kind: 'retry',
        reason: 'error-rate{service="mcp-1"} 0.02, not below 0.01 (and 1 more)',
      },
    ],
    [
      'tries again while the sample is under a floor',
      query({ name: 'rps', above: 100 }),
      single(3),
      { kind: 'retry', reason: 'rps 3, not above 100' },
    ],
    [
      'never takes NaN (0/0 with no traffic) for healthy',
      ERROR_RATE,
      single(NaN),
      { kind: 'retry', reason: 'error-rate NaN, not a number' },
    ],
    [
      'reads +Inf as above every threshold',
      query({ name: 'p95-ms', below: 500 }),
      single(Infinity),
      { kind: 'retry', reason: 'p95-ms +Inf, not below 500' },
    ],
    [
      'reads -Inf as below every threshold',
      query({ name: 'p95-ms', below: 500 }),
      single(-Infinity),
      { kind: 'done', value: '', status: 'p95-ms -Inf < 500' },
    ],
    [
      'tries again while the result is empty',
      ERROR_RATE,
      { vector: [] },
      { kind: 'retry', reason: 'error-rate: no samples' },
    ],
    [
      'is healthy on an empty result when that is allowed',
      { ...ERROR_RATE, allowEmpty: true },
      { vector: [] },
      { kind: 'done', value: '', status: 'error-rate: no samples, allowed' },
    ],
    [
      'fails at once on a range vector',
      ERROR_RATE,
      { matrix: [{ value: 0.001 }] },
      {
        kind: 'fail-fast',
        reason:
          'the query gives a matrix; it must give an instant vector or a scalar',
      },
    ],
    [
      'fails at once on a query Prometheus cannot parse, with its error',
      ERROR_RATE,
      { error: '1:38: parse error: unexpected "}" in label matching' },
      {
        kind: 'fail-fast',
        reason:
          'Prometheus refused the query: bad_data: 1:38: parse error: unexpected "}" in label matching',
      },
    ],
    [
      'fails at once on a query Prometheus cannot run',
      ERROR_RATE,
      {
        status: 422,
        errorType: 'execution',
        error: 'found duplicate series for the match group',
      },
      {
        kind: 'fail-fast',
        reason:
          'Prometheus refused the query: execution: found duplicate series for the match group',
      },
    ],
    [
      'tries again when Prometheus times out',
      ERROR_RATE,
      {
        status: 503,
        errorType: 'timeout',
        error: 'query timed out in expression evaluation',
      },
      {
        kind: 'retry',
        reason:
          '503 Service Unavailable: timeout: query timed out in expression evaluation',
      },
    ],
    [
      'tries again when a proxy in front answers 502',
      ERROR_RATE,
      { status: 502, body: '<html>Bad Gateway</html>' },
      { kind: 'retry', reason: '502 Bad Gateway' },
    ],
    [
      'fails at once when a proxy refuses the credentials',
      ERROR_RATE,
      { status: 401, body: 'Unauthorized' },
      { kind: 'fail-fast', reason: '401 Unauthorized' },
    ],
    [
      'fails at once on a page that is not the API (a login page)',
      ERROR_RATE,
      { status: 200, body: '<html><form action="/login"></form></html>' },
      {
        kind: 'fail-fast',
        reason: '200 OK, but not an answer of the Prometheus query API',
      },
    ],
    [
      'fails at once on a redirect',
      ERROR_RATE,
      { status: 302, body: '' },
      {
        kind: 'fail-fast',
        reason: '302 Found, but not an answer of the Prometheus query API',
      },
    ],
  ])('%s', async (_, q, answer, outcome) => {
    prometheus.script(q.query, answer)
    await expect(attemptOnce(q)).resolves.toEqual(outcome)
  })
})
