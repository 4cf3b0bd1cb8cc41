import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import {
  parsePrometheusQueries,
  type PrometheusQuery,
} from '../src/prometheus-query.js'

// The `prometheus-queries` input read into queries with thresholds, and
// every refusal naming the input and the entry.

function refusal(text: string): ConfigError {
  try {
    parsePrometheusQueries(text)
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parsePrometheusQueries', () => {
  it('reads the gate of the issue: error rate under 1 %, p95 latency under 500 ms', () => {
    const text = `
- name: error-rate
  query: sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
  below: 0.01
- name: p95-latency-ms
  query: >-
    histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000
  below: 500
`
    expect(parsePrometheusQueries(text)).toEqual([
      {
        name: 'error-rate',
        query:
          'sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))',
        below: 0.01,
        allowEmpty: false,
      },
      {
        name: 'p95-latency-ms',
        query:
          'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) * 1000',
        below: 500,
        allowEmpty: false,
      },
    ])
  })

  it.each<[string, string, Partial<PrometheusQuery>]>([
    ['a floor', 'above: 100', { above: 100 }],
    ['a band', 'above: 0.1\n  below: 1', { above: 0.1, below: 1 }],
    ['an exponent', 'below: 1e-3', { below: 0.001 }],
    ['a negative floor', 'above: -2.5', { above: -2.5 }],
    ['a quoted number', "below: '0.05'", { below: 0.05 }],
    [
      'empty results allowed',
      'below: 1\n  allow-empty: true',
      { allowEmpty: true },
    ],
    [
      'empty results refused',
      'below: 1\n  allow-empty: false',
      { allowEmpty: false },
    ],
  ])('reads %s', (_, lines, expected) => {
    const [query] = parsePrometheusQueries(
      `- name: q\n  query: up\n  ${lines}\n`,
    )
    expect(query).toMatchObject(expected)
  })

  it('holds no queries when the input is blank', () => {
    expect(parsePrometheusQueries('  \n')).toEqual([])
  })

  it.each([
    ['not a list', 'name: q', 'a YAML list of'],
    ['an empty list', '[]', 'a YAML list of'],
    ['not YAML', '- name: [q', 'a YAML list of'],
    ['an entry that is not a map', '- up', 'entry 1: a YAML list of'],
    [
      'an unknown key',
      '- {name: q, query: up, below: 1, max: 2}',
      'entry 1: only name, query, below, above and allow-empty, not "max"',
    ],
    ['no name', '- {query: up, below: 1}', 'entry 1: a `name`'],
    [
      'a name with a space',
      "- {name: 'error rate', query: up, below: 1}",
      'entry 1: a `name`',
    ],
    ['no query', '- {name: q, below: 1}', 'entry 1: a `query` in PromQL'],
    [
      'an empty query',
      "- {name: q, query: '', below: 1}",
      'entry 1: a `query` in PromQL',
    ],
    [
      'no threshold',
      '- {name: q, query: up}',
      'entry 1: a threshold: `below`, `above` or both',
    ],
    [
      'a threshold with a unit',
      '- {name: q, query: up, below: 500ms}',
      'entry 1: `below` as a number',
    ],
    [
      'a threshold in percent',
      "- {name: q, query: up, below: '1%'}",
      'entry 1: `below` as a number',
    ],
    [
      'a threshold past float range',
      '- {name: q, query: up, above: 1e999}',
      'entry 1: `above` as a number',
    ],
    [
      'an empty threshold',
      '- {name: q, query: up, below: }',
      'entry 1: `below` as a number',
    ],
    [
      'a band with no room',
      '- {name: q, query: up, above: 1, below: 1}',
      'entry 1: `above` (1) less than `below` (1)',
    ],
    [
      'allow-empty as a word',
      '- {name: q, query: up, below: 1, allow-empty: yes}',
      'entry 1: `allow-empty` as true or false',
    ],
  ])('refuses %s', (_, text, expected) => {
    const error = refusal(text)
    expect(error.input).toBe('prometheus-queries')
    expect(error.expected).toContain(expected)
  })

  it('names the second entry and quotes it when it is the bad one', () => {
    const error = refusal(
      '- {name: a, query: up, below: 1}\n- {name: b, query: up}\n',
    )
    expect(error.value).toBe('{"name":"b","query":"up"}')
    expect(error.expected).toBe(
      'entry 2: a threshold: `below`, `above` or both',
    )
  })

  it('refuses two queries of the same name', () => {
    const error = refusal(
      '- {name: errors, query: up, below: 1}\n- {name: errors, query: down, below: 1}\n',
    )
    expect(error.value).toBe('errors')
    expect(error.expected).toBe('entry 2: a name no other entry has')
  })
})
