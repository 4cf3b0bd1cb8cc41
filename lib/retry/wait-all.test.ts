import { afterEach, describe, expect, it } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  done,
  FakeClock,
  formatAttempt,
  retryWith,
  waitAll,
  type AttemptOutcome,
} from './index.js'

const s = 1_000

describe('waitAll', () => {
  it('checks every target at once, each on its own schedule', async () => {
    const clock = new FakeClock(0)
    // How many attempts each target needs before it is ready.
    const readyAt: Record<string, number> = { api: 1, dashboard: 3, n8n: 2 }
    const starts: string[] = []
    const results = await clock.run(
      waitAll(
        Object.keys(readyAt),
        (target, attempt) => {
          starts.push(`${target}#${attempt}@${clock.now() / s}`)
          return attempt >= (readyAt[target] ?? 0)
            ? done(target, '200 OK')
            : retryWith('503')
        },
        { clock },
      ),
    )
    expect(starts.filter((x) => x.endsWith('@0'))).toEqual([
      'api#1@0',
      'dashboard#1@0',
      'n8n#1@0',
    ])
    expect(
      results.map((r) => [r.target, r.ok, r.attempts, r.timeToHealthyMs]),
    ).toEqual([
      ['api', true, 1, 0],
      ['dashboard', true, 3, 15 * s],
      ['n8n', true, 2, 5 * s],
    ])
  })

  it('holds every target to one deadline, and reports each', async () => {
    const clock = new FakeClock(0)
    const lines: string[] = []
    const results = await clock.run(
      waitAll(
        ['slow', 'broken'],
        (target, attempt) =>
          target === 'slow' && attempt === 3 ? done('up') : retryWith('503'),
        {
          clock,
          deadlineMs: 20 * s,
          policy: (target) =>
            target === 'slow' ? { baseMs: 2 * s } : { baseMs: 8 * s },
          onAttempt: (target, report) =>
            lines.push(`${target}: ${formatAttempt(report)}`),
        },
      ),
    )
    expect(results[0]).toMatchObject({ ok: true, timeToHealthyMs: 6 * s })
    expect(results[1]).toMatchObject({
      ok: false,
      stoppedBy: 'deadline',
      attempts: 3,
      elapsedMs: 20 * s,
    })
    expect(results[1]?.timeToHealthyMs).toBeUndefined()
    expect(lines.filter((l) => l.startsWith('broken'))).toEqual([
      'broken: attempt 1 of 5: 503, next in 8 s',
      'broken: attempt 2 of 5: 503, next in 12 s (the last, cut short by the 20 s deadline)',
      'broken: attempt 3 of 5: 503, deadline of 20 s reached',
    ])
  })

  it('takes the longest derived deadline when none is set', async () => {
    const results = await waitAll(['a', 'b'], () => done(true), {
      clock: new FakeClock(0),
      policy: (t) => ({ attempts: t === 'a' ? 1 : 2 }),
      attemptTimeoutMs: 1 * s,
    })
    // b: one 5 s wait and two attempts of 1 s.
    expect(results.map((r) => r.deadlineMs)).toEqual([7 * s, 7 * s])
  })

  it('answers an empty list with no results', async () => {
    await expect(waitAll([], () => done(1))).resolves.toEqual([])
  })
})

describe('waitAll against real HTTP servers on a fake clock', () => {
  const servers: http.Server[] = []
  afterEach(async () => {
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections()
            server.close(() => resolve())
          }),
      ),
    )
    servers.length = 0
  })

  /** A loopback server answering with `statuses` in turn (0: never answer). */
  async function serve(statuses: number[]): Promise<string> {
    let i = 0
    const server = http.createServer((_req, res) => {
      const status = statuses[Math.min(i++, statuses.length - 1)] ?? 200
      if (status === 0) return
      res.writeHead(status).end()
    })
    servers.push(server)
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve()),
    )
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`
  }

  async function probe(
    url: string,
    signal: AbortSignal,
  ): Promise<AttemptOutcome<number>> {
    const res = await fetch(url, { signal })
    return res.ok
      ? done(res.status, `${res.status}`)
      : retryWith(`${res.status}`)
  }

  it('keeps the exact schedule while the answers take real time', async () => {
    const clock = new FakeClock(0)
    const flaky = await serve([503, 503, 200])
    const hung = await serve([0])
    const results = await clock.run(
      waitAll([flaky, hung], (url, _n, signal) => probe(url, signal), {
        clock,
        attemptTimeoutMs: 10 * s,
        policy: { attempts: 3 },
      }),
      { ioGraceMs: 50 },
    )
    expect(results[0]).toMatchObject({
      ok: true,
      attempts: 3,
      delays: [5 * s, 10 * s],
    })
    expect(results[1]).toMatchObject({
      ok: false,
      stoppedBy: 'attempts',
      reason: 'timeout after 10 s',
      delays: [5 * s, 10 * s],
      elapsedMs: 45 * s,
    })
  })
})
