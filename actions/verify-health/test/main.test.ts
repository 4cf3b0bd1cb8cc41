import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { startArgoCdApi } from '../../../test/support/argocd-api.js'
import type { ArgoCdApi } from '../../../test/support/argocd-api.js'
import { NEW, OLD } from '../../../test/support/argocd-api/test-client.js'
import {
  createFakeKubectl,
  type FakeKubectl,
} from '../../../test/support/fake-kubectl.js'
import {
  startPrometheusApi,
  type PrometheusApi,
} from '../../../test/support/prometheus-api.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import type { ReportEntry } from '../src/report.js'
import { deployment } from './rollout-objects.js'

// main.ts as the runner starts it, against every kind of target at once:
// an HTTP server, the Argo CD stand-in, a fake kubectl and a Prometheus
// stand-in, all on 127.0.0.1, with the back-off shortened to milliseconds.

const ARGO_TOKEN = 'argo-token-never-shown-7c1f'
const PROM_TOKEN = 'prom-token-never-shown-93ab'
const HEADER_SECRET = 'Bearer header-secret-never-shown-5d2e'
const FAST = {
  attempts: '3',
  'backoff-base': '20ms',
  'backoff-max': '40ms',
  'attempt-timeout': '2s',
}

let server: http.Server
let httpUrl: string
let statuses: number[]
let hits: number
let argo: ArgoCdApi
let kubectl: FakeKubectl
let prometheus: PrometheusApi

beforeEach(async () => {
  statuses = [200]
  hits = 0
  server = http.createServer((_req, res) => {
    const status = statuses[Math.min(hits, statuses.length - 1)] ?? 200
    hits += 1
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'starting' }))
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve()),
  )
  httpUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  argo = await startArgoCdApi({
    token: ARGO_TOKEN,
    apps: [
      {
        name: 'cortex-dashboard',
        revision: NEW,
        sync: 'Synced',
        health: 'Healthy',
      },
    ],
  })
  kubectl = createFakeKubectl()
  kubectl.script('cortex/deployment/cortex-dashboard', {
    object: deployment(
      {
        generation: 2,
        observedGeneration: 2,
        desired: 2,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
      },
      'cortex-dashboard',
    ),
  })
  prometheus = await startPrometheusApi()
  prometheus.script('error_rate', { vector: [{ value: 0.002 }] })
})

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve))
  await argo.close()
  await prometheus.close()
  kubectl.cleanup()
})

function everything(): Record<string, string> {
  return {
    ...FAST,
    'http-targets': `${httpUrl}/health`,
    'expect-body': '"status":"ok"',
    headers: `Authorization: ${HEADER_SECRET}`,
    'argocd-server': argo.url,
    'argocd-token': ARGO_TOKEN,
    'argocd-applications': 'cortex-dashboard',
    'expected-revision': NEW,
    rollouts: 'cortex/deployment/cortex-dashboard',
    'prometheus-url': prometheus.url.toString(),
    'prometheus-token': PROM_TOKEN,
    'prometheus-queries':
      '- {name: error-rate, query: error_rate, below: 0.01}',
  }
}

function verify(inputs: Record<string, string>): Promise<StageRun> {
  return runInProcess(run, inputs, {
    PATH: kubectl.env.PATH ?? '',
    ...kubectl.env,
  })
}

function report(step: StageRun): ReportEntry[] {
  return JSON.parse(step.outputs['report'] ?? '[]') as ReportEntry[]
}

/** Every place a secret could leak, but the lines that mask it. */
function shown(step: StageRun): string {
  return [step.outputText, step.summary, step.log]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

describe('verify-health', () => {
  it('checks every kind of target at once, then the gate, and reports each', async () => {
    const step = await verify(everything())
    expectOk(step)
    expect(step.outputs['healthy']).toBe('true')
    expect(step.outputs['unhealthy']).toBe('')
    expect(
      report(step).map((e) => [e.kind, e.name, e.healthy, e.attempts]),
    ).toEqual([
      ['http', `GET ${httpUrl}/health`, true, 1],
      ['argocd', 'argocd/cortex-dashboard', true, 1],
      ['rollout', 'rollout/cortex/deployment/cortex-dashboard', true, 1],
      ['prometheus', 'prometheus/error-rate', true, 1],
    ])
    expect(step.summary).toMatch(/^verify-health: all 4 targets healthy in /)
    expect(step.summary).toContain(
      '| Target | Result | Attempts | Last status | Time to healthy |',
    )
    expect(step.summary).toContain(
      `| GET ${httpUrl}/health | ✅ healthy | 1 | 200 OK |`,
    )
  })

  it('never shows a token or a header value, only masks them', async () => {
    const step = await verify(everything())
    expectOk(step)
    for (const secret of [ARGO_TOKEN, PROM_TOKEN, HEADER_SECRET]) {
      expect(step.log).toContain(
        `::add-mask::${secret.replace(/^Bearer /, '')}`,
      )
    }
    expect(shown(step)).not.toMatch(/never-shown/)
  })

  it('masks credential headers only, per target too, and never echoes a malformed line', async () => {
    const step = await verify({
      ...FAST,
      'http-targets': `- url: ${httpUrl}/health\n  headers: { X-Api-Key: per-target-never-shown-41 }`,
      headers: 'X-Debug: 1\nAccept: */*',
    })
    expectOk(step)
    expect(step.log).toContain('::add-mask::per-target-never-shown-41')
    expect(step.log).not.toContain('::add-mask::1\n')
    expect(step.log).not.toContain('::add-mask::*/*')
    const bad = await verify({
      'http-targets': `${httpUrl}/health`,
      headers: 'Authorization Bearer no-colon-never-shown-9',
    })
    expect(bad.failed).toBe(true)
    expect(bad.log).toContain('input \'headers\': got "Authorization …"')
    expect(bad.log).not.toContain('no-colon-never-shown')
  })

  it('retries an endpoint until it is healthy, logging every attempt', async () => {
    statuses = [503, 503, 200]
    const step = await verify({ ...FAST, 'http-targets': `${httpUrl}/health` })
    expectOk(step)
    expect(report(step)[0]).toMatchObject({ healthy: true, attempts: 3 })
    expect(step.log).toContain(
      `GET ${httpUrl}/health: attempt 1 of 3: 503 Service Unavailable, next in 20 ms`,
    )
    expect(step.log).toContain(`GET ${httpUrl}/health: attempt 3 of 3: 200 OK`)
  })

  it('fails the step naming the unhealthy target, and skips the gate', async () => {
    statuses = [503]
    const step = await verify(everything())
    expect(step.failed).toBe(true)
    expect(step.outputs['healthy']).toBe('false')
    expect(step.outputs['unhealthy']).toBe(`GET ${httpUrl}/health`)
    const gate = report(step).find((e) => e.kind === 'prometheus')
    expect(gate).toMatchObject({
      healthy: false,
      attempts: 0,
      skipped: 'not run: a target is unhealthy',
    })
    expect(prometheus.requests).toEqual([])
    expect(step.log).toContain(
      '::error::verify-health: 1 of 4 targets unhealthy, 1 not checked after',
    )
    expect(step.summary).toContain(
      'unhealthy after 3 attempts (last: 503 Service Unavailable)',
    )
  })

  it('leaves the step green with healthy=false when asked not to fail', async () => {
    statuses = [503]
    const step = await verify({
      ...FAST,
      'http-targets': `${httpUrl}/health`,
      'fail-on-unhealthy': 'false',
    })
    expect(step.failed).toBe(false)
    expect(step.outputs['healthy']).toBe('false')
  })

  it('waits on an application until it is synced at the expected revision', async () => {
    await argo.close()
    argo = await startArgoCdApi({
      token: ARGO_TOKEN,
      apps: [
        {
          name: 'cortex-dashboard',
          revision: OLD,
          sync: 'Synced',
          health: 'Healthy',
          timeline: [
            { sync: 'OutOfSync' },
            { sync: 'Synced', revision: NEW, health: 'Progressing' },
            { health: 'Healthy' },
          ],
        },
      ],
    })
    const step = await verify({
      ...FAST,
      attempts: '5',
      'argocd-server': argo.url,
      'argocd-token': ARGO_TOKEN,
      'argocd-applications': 'cortex-dashboard',
      'expected-revision': NEW.slice(0, 7),
    })
    expectOk(step)
    expect(report(step)[0]).toMatchObject({
      name: 'argocd/cortex-dashboard',
      healthy: true,
    })
    expect(report(step)[0]?.attempts).toBeGreaterThan(1)
  })

  it('lists what it would check in a dry run and contacts nothing', async () => {
    const step = await verify({ ...everything(), 'dry-run': 'true' })
    expectOk(step)
    expect(hits).toBe(0)
    expect(argo.requests).toEqual([])
    expect(prometheus.requests).toEqual([])
    expect(kubectl.calls()).toEqual([])
    expect(step.log).toContain('dry run: would check 4 targets')
    expect(
      report(step).every((e) => e.skipped === 'dry run: not checked'),
    ).toBe(true)
  })

  it('warns when certificates are not checked', async () => {
    const step = await verify({
      ...FAST,
      'http-targets': `${httpUrl}/health`,
      'insecure-skip-verify': 'true',
    })
    expectOk(step)
    expect(step.log).toMatch(
      /::warning title=Insecure TLS::TLS certificates are not checked/,
    )
  })

  it.each([
    [{}, 'input \'http-targets\': got ""; expected something to check'],
    [
      { 'argocd-applications': 'x' },
      'input \'argocd-server\': got ""; expected the Argo CD server URL',
    ],
    [
      { 'argocd-applications': 'x', 'argocd-server': 'https://a.example' },
      'input \'argocd-token\': got ""',
    ],
    [
      {
        'argocd-applications': 'x',
        'argocd-server': 'https://a.example',
        'argocd-token': 't',
        'expected-revision': 'main',
      },
      'input \'expected-revision\': got "main"; expected a commit SHA',
    ],
    [
      { 'http-targets': 'http://x/h', 'ca-file': '/nonexistent/ca.pem' },
      'input \'ca-file\': got "/nonexistent/ca.pem"; expected a readable PEM file',
    ],
    [
      { 'http-targets': 'http://x/h', headers: 'no colon here' },
      "input 'headers'",
    ],
    [
      { 'prometheus-queries': '- {name: a, query: up, below: 1}' },
      'input \'prometheus-url\': got ""',
    ],
    [{ 'http-targets': 'http://x/h', attempts: 'many' }, "input 'attempts'"],
    [
      {
        'argocd-applications': 'x',
        'argocd-server': 'https://admin:hunter2@a.example',
        'argocd-token': 't',
      },
      'input \'argocd-server\': got "https://…@a.example"',
    ],
  ])('refuses bad input %j with a clear error', async (inputs, message) => {
    const step = await verify(inputs)
    expect(step.failed).toBe(true)
    expect(step.log).toContain(message)
    expect(step.log).not.toMatch(/\n\s+at /)
  })
})
