// A /metrics target with `format: prometheus`, end to end through
// runChecks: a scrape is healthy, a page that answers 200 is not.
import { describe, expect, it } from '@jest/globals'
import { FakeClock } from '../../../lib/retry/index.js'
import { httpCheck } from '../src/http-check.js'
import { target, useServers, wait } from './http-support.js'

const { serve } = useServers()

describe('Prometheus text format', () => {
  // What an MCP server's /metrics answers (charts/mcp-server's
  // ServiceMonitor scrapes it); the dashboard answers its HTML for any path.
  const metrics = [
    '# HELP mcp_requests_total Requests served.',
    '# TYPE mcp_requests_total counter',
    'mcp_requests_total{tool="list_pods"} 12',
    'process_start_time_seconds 1.7356896e+09',
    '',
  ].join('\n')

  it('is healthy on a scrape, and not on a page that answers 200', async () => {
    const server = await serve({
      script: {
        '/metrics': {
          headers: { 'content-type': 'text/plain; version=0.0.4' },
          body: metrics,
        },
        '/app/metrics': {
          headers: { 'content-type': 'text/html' },
          body: '<!doctype html><div id="root"></div>',
        },
      },
    })
    const clock = new FakeClock(0)
    const format = 'prometheus'
    const { reports } = await wait(
      [
        httpCheck(target(`${server.url}/metrics`, { format })),
        httpCheck(target(`${server.url}/app/metrics`, { format })),
      ],
      clock,
      { attempts: 2 },
    )
    expect(reports[0]).toMatchObject({
      healthy: true,
      lastStatus: '200 OK',
      detail: '2 samples in Prometheus text format',
    })
    expect(reports[1]).toMatchObject({
      healthy: false,
      attempts: 2,
      lastStatus:
        '200 OK, not Prometheus text format: line 1: not a sample: "<!doctype html><div id=\\"root\\"></div>"',
    })
  })
})
