import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  HttpError,
  type HttpRequestOptions,
  type HttpResponse,
} from '../../../lib/http/index.js'
import type { AttemptOutcome } from '../../../lib/retry/index.js'
import {
  startPrometheusApi,
  type PromAnswer,
  type PrometheusApi,
} from '../../../test/support/prometheus-api.js'
import {
  prometheusCheck,
  type PrometheusCheckOptions,
} from '../src/prometheus-check.js'
import type { PrometheusQuery } from '../src/prometheus-query.js'

// One attempt of a Prometheus query check against a stand-in of the
// instant query API on 127.0.0.1: what it asks, and what it makes of each
// answer.

const ERROR_RATE: PrometheusQuery = {
  name: 'error-rate',
  query:
    'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
  below: 0.01,
  allowEmpty: false,
}
const SECRET = 'prom-s3cret-token'

let prometheus: PrometheusApi
beforeEach(async () => {
  prometheus = await startPrometheusApi()
})
afterEach(() => prometheus.close())

function attemptOnce(
  query: PrometheusQuery = ERROR_RATE,
  options: Partial<PrometheusCheckOptions> = {},
): Promise<AttemptOutcome<string>> {
  const check = prometheusCheck(query, {
    url: prometheus.url,
    headers: { Authorization: `Bearer ${SECRET}` },
    ...options,
  })
  return check.attempt(1, new AbortController().signal)
}

describe('prometheusCheck', () => {
  it('is a prometheus check named after its query', () => {
    const check = prometheusCheck(ERROR_RATE, { url: prometheus.url })
    expect(check.kind).toBe('prometheus')
    expect(check.name).toBe('prometheus/error-rate')
  })

  it('asks the instant query API, with the headers given', async () => {
    await attemptOnce()
    expect(prometheus.requests).toHaveLength(1)
    const [request] = prometheus.requests
    expect(request).toMatchObject({
      method: 'GET',
      path: '/api/v1/query',
      query: ERROR_RATE.query,
    })
    expect(request?.headers['authorization']).toBe(`Bearer ${SECRET}`)
    expect(request?.headers['accept']).toBe('application/json')
  })

  it('keeps the path prefix of a Prometheus behind a proxy', async () => {
    const proxied = await startPrometheusApi({ prefix: '/prometheus' })
    try {
      proxied.script('up', { vector: [{ value: 1 }] })
      const url = new URL(`${proxied.url.href}/?ignored#frag`)
      const outcome = await attemptOnce(
        { name: 'up', query: 'up', above: 0, allowEmpty: false },
        { url },
      )
      expect(outcome).toEqual({ kind: 'done', value: '', status: 'up 1 > 0' })
      expect(proxied.requests[0]?.path).toBe('/prometheus/api/v1/query')
    } finally {
      await proxied.close()
    }
  })

  it('leaves an Accept header given to it alone', async () => {
    await attemptOnce(ERROR_RATE, { headers: { Accept: 'application/x' } })
    expect(prometheus.requests[0]?.headers['accept']).toBe('application/x')
  })

  it('fails at once when the URL has no Prometheus API under it', async () => {
    const url = new URL('/grafana', prometheus.url)
    await expect(attemptOnce(ERROR_RATE, { url })).resolves.toEqual({
      kind: 'fail-fast',
      reason: '404 Not Found: no Prometheus API at /grafana/api/v1/query',
    })
  })

  it('tries again while Prometheus refuses connections', async () => {
    const gone = await startPrometheusApi()
    await gone.close()
    const outcome = await attemptOnce(ERROR_RATE, { url: gone.url })
    expect(outcome).toEqual({
      kind: 'retry',
      reason: `connection refused (127.0.0.1:${gone.url.port})`,
    })
  })

  it('fails at once on a TLS error, and hands on the TLS options', async () => {
    const seen: HttpRequestOptions[] = []
    const request = (
      _url: URL,
      options: HttpRequestOptions = {},
    ): Promise<HttpResponse> => {
      seen.push(options)
      return Promise.reject(
        new HttpError(
          'tls',
          'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
          'DEPTH_ZERO_SELF_SIGNED_CERT',
        ),
      )
    }
    const tls = { ca: '-----BEGIN CERTIFICATE-----' }
    await expect(attemptOnce(ERROR_RATE, { request, tls })).resolves.toEqual({
      kind: 'fail-fast',
      reason:
        'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    })
    expect(seen[0]?.tls).toBe(tls)
  })

  it('rejects when its signal aborts, so the loop reports its timeout', async () => {
    prometheus.script(ERROR_RATE.query, { hang: true })
    const controller = new AbortController()
    const check = prometheusCheck(ERROR_RATE, { url: prometheus.url })
    const attempt = check.attempt(1, controller.signal)
    setTimeout(() => controller.abort(), 50)
    await expect(attempt).rejects.toThrow()
  })

  it('shows no header value in any reason it gives', async () => {
    const answers: PromAnswer[] = [
      { error: `bad query` },
      { status: 401, body: `token ${SECRET} rejected` },
      { status: 503, body: '' },
      { status: 200, body: 'not json' },
      { vector: [{ value: '0.5' }] },
      { vector: [{ value: '0.001' }] },
    ]
    const reasons: string[] = []
    for (const answer of answers) {
      prometheus.script(ERROR_RATE.query, answer)
      const outcome = await attemptOnce()
      reasons.push(
        outcome.kind === 'done' ? (outcome.status ?? '') : outcome.reason,
      )
    }
    expect(reasons).toHaveLength(answers.length)
    for (const reason of reasons) expect(reason).not.toContain(SECRET)
    expect(
      prometheus.requests.every(
        (r) => r.headers['authorization'] === `Bearer ${SECRET}`,
      ),
    ).toBe(true)
  })
})
