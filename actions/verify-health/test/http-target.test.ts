import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import { anySuccess, parseExpectStatus } from '../src/http-expect.js'
import {
  parseHttpTargets,
  shownUrl,
  type HttpDefaults,
} from '../src/http-target.js'
import { defaults } from './http-support.js'

/** The ConfigError parsing `text` throws. */
function configError(text: string, over: Partial<HttpDefaults> = {}) {
  try {
    parseHttpTargets(text, { ...defaults, ...over })
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('no ConfigError')
}

describe('parseHttpTargets', () => {
  // The MCP servers' probes of examples/platform (apps and charts/mcp-server).
  it('reads one URL a line, skipping blank lines and comments', () => {
    const text = [
      '# the dashboard, through its ingress',
      'https://dashboard.cortex.local/health',
      '',
      'http://127.0.0.1:3000/ready   # mcp-k8s-orchestrator',
    ].join('\n')
    const targets = parseHttpTargets(text, defaults)
    expect(targets.map((t) => [t.name, t.url.href])).toEqual([
      [
        'GET https://dashboard.cortex.local/health',
        'https://dashboard.cortex.local/health',
      ],
      ['GET http://127.0.0.1:3000/ready', 'http://127.0.0.1:3000/ready'],
    ])
    expect(targets[0]).toEqual({
      name: 'GET https://dashboard.cortex.local/health',
      url: new URL('https://dashboard.cortex.local/health'),
      method: 'GET',
      expectStatus: anySuccess,
      followRedirects: false,
      redirectHosts: [],
      headers: {},
      tls: {},
    })
  })

  it('reads a YAML list of URLs and maps, every key of a map', () => {
    const text = `
- http://127.0.0.1:3001/health
- url: https://dashboard.cortex.local/ready
  name: dashboard ready
  method: head
  expect-status: 200,204
  follow-redirects: yes
  redirect-hosts: [Auth.Cortex.Local, 10.0.0.7]
  headers:
    Host: dashboard.cortex.local
- url: http://127.0.0.1:3002/metrics
  expect-body: /^process_start_time_seconds/m
  format: prometheus
`
    const [plain, ready, metrics] = parseHttpTargets(text, defaults)
    expect(plain?.name).toBe('GET http://127.0.0.1:3001/health')
    expect(ready).toMatchObject({
      name: 'dashboard ready',
      method: 'HEAD',
      expectStatus: {
        text: '200,204',
        ranges: [
          [200, 200],
          [204, 204],
        ],
      },
      followRedirects: true,
      redirectHosts: ['auth.cortex.local', '10.0.0.7'],
      headers: { Host: 'dashboard.cortex.local' },
    })
    expect(metrics).toMatchObject({
      body: { regex: /^process_start_time_seconds/m },
      format: 'prometheus',
    })
  })

  it('gives nothing for an input with no URL in it', () => {
    expect(parseHttpTargets('\n# none yet\n', defaults)).toEqual([])
  })

  it('keeps the query and credentials out of the name', () => {
    const [target] = parseHttpTargets(
      'https://svc.example.test/health?token=s3cr3t#top',
      defaults,
    )
    expect(target?.name).toBe('GET https://svc.example.test/health')
    expect(target?.url.href).toBe(
      'https://svc.example.test/health?token=s3cr3t',
    )
    expect(shownUrl(target.url)).toBe('https://svc.example.test/health?…')
  })

  it('takes the stage-wide settings a target does not override', () => {
    const over: HttpDefaults = {
      method: 'HEAD',
      expectStatus: parseExpectStatus('expect-status', '204'),
      followRedirects: true,
      headers: { Authorization: 'Bearer stage', Accept: 'text/html' },
      tls: { ca: 'PEM' },
      format: 'prometheus',
      body: { text: 'up' },
    }
    const text = `
- url: http://127.0.0.1:3003/metrics
  method: GET
  headers: {authorization: Bearer target, X-Probe: verify-health}`
    const [target] = parseHttpTargets(text, over)
    expect(target).toMatchObject({
      method: 'GET',
      expectStatus: over.expectStatus,
      followRedirects: true,
      body: { text: 'up' },
      format: 'prometheus',
      tls: { ca: 'PEM' },
    })
    // One Authorization, the target's, whatever the case of its name.
    expect(target?.headers).toEqual({
      Accept: 'text/html',
      authorization: 'Bearer target',
      'X-Probe': 'verify-health',
    })
  })

  it('takes an expected-status list written as a YAML list', () => {
    const [target] = parseHttpTargets(
      '- url: http://127.0.0.1:3004/ready\n  expect-status: [200, 3xx]',
      defaults,
    )
    expect(target?.expectStatus.text).toBe('200,3xx')
  })

  it.each([
    [
      'ftp://files.example.test/health',
      'line 1: a `url`: an absolute http:// or https:// URL',
    ],
    ['/health', 'an absolute http:// or https:// URL'],
    ['- url: ""', 'a `url`'],
    ['- name: no url', 'a `url`'],
    ['- [http://127.0.0.1/]', '(a list)'],
    [
      '- url: http://127.0.0.1/\n  followRedirects: true',
      '(`follow-redirects`?)',
    ],
    ['- url: http://127.0.0.1/\n  method: POST', '`method` GET or HEAD'],
    [
      '- url: http://127.0.0.1/\n  expect-status: 2xx-3xx',
      'status codes and classes',
    ],
    ['- url: http://127.0.0.1/\n  expect-status: 600', 'codes 100 to 599'],
    [
      '- url: http://127.0.0.1/\n  follow-redirects: maybe',
      '`follow-redirects` true or false',
    ],
    [
      '- url: http://127.0.0.1/\n  redirect-hosts: https://auth.example.test',
      'no scheme, port or path',
    ],
    [
      '- url: http://127.0.0.1/\n  redirect-hosts: auth.example.test:8443',
      'no scheme, port or path',
    ],
    ['- url: http://127.0.0.1/\n  body: /(/', 'a valid /regex/'],
    ['- url: http://127.0.0.1/\n  body: /ok/g', 'not g or y'],
    ['- url: http://127.0.0.1/\n  body: a\n  expect-body: b', 'not both'],
    ['- url: http://127.0.0.1/\n  format: json', '`format` prometheus'],
    [
      '- url: http://127.0.0.1/\n  method: HEAD\n  body: ok',
      'a HEAD answer has none',
    ],
    ['- url: http://127.0.0.1/\n  headers: [Accept]', '`headers` as a map'],
    [
      '- url: http://127.0.0.1/\n  headers: {"X Probe": a}',
      'header name "X Probe"',
    ],
    [
      '- url: http://127.0.0.1/\n  expect-status: {ok: 200}',
      '`expect-status` as a value or a list',
    ],
    [
      '- url: http://127.0.0.1/\n  redirect-hosts: [auth example]',
      'no scheme, port or path',
    ],
    ['- url: http://127.0.0.1/\n  name: [a, b]', '`name` as a single value'],
    [
      'http://127.0.0.1/health\nhttp://127.0.0.1/health',
      'line 2: a target named once only',
    ],
    ['- url: [unclosed', 'line 1'],
  ])('refuses %j', (text, expected) => {
    const error = configError(text)
    expect(error.input).toBe('http-targets')
    expect(error.message).toContain(expected)
  })

  it('names the item that is wrong', () => {
    const error = configError('- http://127.0.0.1/a\n- gopher://127.0.0.1/b')
    expect(error.message).toBe(
      'input \'http-targets\': got "gopher://127.0.0.1/b"; expected item 2: a `url`: an absolute http:// or https:// URL',
    )
  })

  it('refuses credentials in a URL without showing them', () => {
    const error = configError('https://deploy:hunter2@svc.example.test/health')
    expect(error.message).not.toContain('hunter2')
    expect(error.value).toBe('https://***@svc.example.test/health')
    expect(error.expected).toContain('send credentials in a header')
  })

  it('never shows a header value in an error', () => {
    const error = configError(
      '- url: http://127.0.0.1/\n  headers:\n    X-Token: "s3cr3t\\nmore"',
    )
    expect(error.message).toContain('X-Token')
    expect(error.message).not.toContain('s3cr3t')
  })

  it('never shows the text of YAML it cannot read', () => {
    const error = configError(
      '- url: http://127.0.0.1/\n  headers: {Authorization: Bearer s3cr3t',
    )
    expect(error.value).toMatch(/^\(YAML, line \d\)$/)
    expect(error.message).not.toContain('s3cr3t')
  })

  it('checks names for duplicates once given, not the URLs', () => {
    const text = `
- {url: http://127.0.0.1:3000/health?probe=a, name: probe a}
- {url: http://127.0.0.1:3000/health?probe=b, name: probe b}`
    expect(parseHttpTargets(text, defaults).map((t) => t.name)).toEqual([
      'probe a',
      'probe b',
    ])
  })
})
