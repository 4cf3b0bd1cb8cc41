import { describe, expect, it } from '@jest/globals'
import { checkMetricsText } from '../src/metrics-text.js'

// Written after the examples of the exposition format's documentation
// (prometheus.io/docs/instrumenting/exposition_formats), not copied.
const scrape = `# HELP mcp_requests_total Requests served, by tool and outcome.
# TYPE mcp_requests_total counter
mcp_requests_total{tool="list_pods",outcome="ok"} 1027 1735689600000
mcp_requests_total{tool="list_pods",outcome="error",} 3

# A comment that is neither HELP nor TYPE.
# HELP mcp_request_seconds How long a request took.
# TYPE mcp_request_seconds histogram
mcp_request_seconds_bucket{le="0.05"} 24054
mcp_request_seconds_bucket{le="+Inf"} 144320
mcp_request_seconds_sum 53423.7
mcp_request_seconds_count 144320
process_start_time_seconds 1.7356896e+09
go_gc_heap_goal_bytes NaN
mcp_last_error{message="quote \\" and \\\\ and \\n"} -Inf
`

describe('checkMetricsText', () => {
  it('counts the samples of a scrape in the text format', () => {
    expect(checkMetricsText(scrape)).toEqual({ ok: true, samples: 9 })
  })

  it('reads CRLF line ends too', () => {
    expect(checkMetricsText('up 1\r\nup{job="a"} 0\r\n')).toEqual({
      ok: true,
      samples: 2,
    })
  })

  it.each([
    ['', 'no samples'],
    ['# HELP up Whether the target is up.\n', 'no samples'],
    [
      '<!doctype html>\n<title>Cortex</title>',
      'line 1: not a sample: "<!doctype html>"',
    ],
    ['{"status":"ok"}', 'line 1: not a sample: "{\\"status\\":\\"ok\\"}"'],
    ['up 1\nup one', 'line 2: not a sample: "up one"'],
    ['up{job=a} 1', 'line 1: not a sample'],
    ['up{job="a} 1', 'line 1: not a sample'],
    ['1up 1', 'line 1: not a sample'],
    ['up', 'line 1: not a sample'],
    ['up 1 12.5', 'line 1: not a sample'],
    ['# TYPE up\nup 1', 'line 1: a TYPE line without a metric name and type'],
    ['# TYPE up meter\nup 1', 'line 1: unknown metric type "meter"'],
    [
      '# TYPE up gauge\n# TYPE up gauge\nup 1',
      'line 2: a second TYPE line for up',
    ],
    ['# HELP\nup 1', 'line 1: a HELP line without a metric name'],
  ])('refuses %j', (body, problem) => {
    const result = checkMetricsText(body)
    expect(result.ok).toBe(false)
    expect(result).toMatchObject({ problem: expect.stringContaining(problem) })
  })
})
