import { describe, expect, it } from '@jest/globals'
import {
  done,
  FakeClock,
  failFast,
  failureMessage,
  formatAttempt,
  retry,
  retryWith,
  type AttemptOutcome,
  type AttemptReport,
  type RetryOptions,
} from './index.js'

const s = 1_000

/** An attempt that plays `script` in order, then repeats its last entry. */
function scripted(
  script: (AttemptOutcome<string> | Error)[],
): () => AttemptOutcome<string> {
  let i = 0
  return () => {
    const step = script[Math.min(i++, script.length - 1)]
    if (step === undefined || step instanceof Error) {
      throw step ?? new Error('empty script')
    }
    return step
  }
}

/** Runs retry on a fake clock and keeps the log lines it would print. */
async function run(
  attempt: Parameters<typeof retry<string>>[0],
  options: RetryOptions = {},
  ioGraceMs?: number,
): Promise<{
  result: Awaited<ReturnType<typeof retry<string>>>
  log: string[]
  reports: AttemptReport[]
  clock: FakeClock
}> {
  const clock = new FakeClock(0)
  const log: string[] = []
  const reports: AttemptReport[] = []
  const result = await clock.run(
    retry(attempt, {
      clock,
      onAttempt: (r) => {
        reports.push(r)
        log.push(formatAttempt(r))
      },
      ...options,
    }),
    { ioGraceMs },
  )
  return { result, log, reports, clock }
}

// Node's fetch throws this for a refused connection (C39).
const refused = new TypeError('fetch failed', {
  cause: new Error('connect ECONNREFUSED 127.0.0.1:8080'),
})
const unavailable = retryWith('503 Service Unavailable')

describe('retry', () => {
  it('waits 5, 10, 20 s through refused, 503, 503 to a 200 (C39)', async () => {
    const { result, log, clock } = await run(
      scripted([refused, unavailable, unavailable, done('ok', '200 OK')]),
    )
    expect(result).toMatchObject({
      ok: true,
      value: 'ok',
      attempts: 4,
      elapsedMs: 35 * s,
      delays: [5 * s, 10 * s, 20 * s],
    })
    expect(clock.slept).toEqual([5 * s, 10 * s, 20 * s])
    expect(log).toEqual([
      'attempt 1 of 5: connect ECONNREFUSED 127.0.0.1:8080, next in 5 s',
      'attempt 2 of 5: 503 Service Unavailable, next in 10 s',
      'attempt 3 of 5: 503 Service Unavailable, next in 20 s',
      'attempt 4 of 5: 200 OK',
    ])
  })

  it.each([
    [5, [5, 10, 20, 40]],
    [8, [5, 10, 20, 40, 80, 160, 180]],
  ])(
    'gives up after %p attempts of 503, capped waits between (C40)',
    async (attempts, seconds) => {
      const { result, log, clock } = await run(scripted([unavailable]), {
        policy: { attempts },
        deadlineMs: 3_600 * s,
      })
      expect(clock.slept).toEqual(seconds.map((x) => x * s))
      expect(result).toMatchObject({
        ok: false,
        stoppedBy: 'attempts',
        attempts,
        reason: '503 Service Unavailable',
      })
      expect(result.elapsedMs).toBe(seconds.reduce((a, b) => a + b, 0) * s)
      expect(log.at(-1)).toBe(
        `attempt ${attempts} of ${attempts}: 503 Service Unavailable, no attempts left`,
      )
      if (!result.ok) {
        expect(failureMessage(result, 'unhealthy')).toMatch(
          `unhealthy after ${attempts} attempts (last: 503 Service Unavailable)`,
        )
      }
    },
  )

  it('reports each attempt with its time, its next wait and its end', async () => {
    const { reports } = await run(scripted([unavailable, done('ok')]))
    const common = { maxAttempts: 5, cutByDeadline: false, deadlineMs: 125 * s }
    expect(reports).toEqual([
      {
        ...common,
        attempt: 1,
        outcome: 'retry',
        reason: '503 Service Unavailable',
        elapsedMs: 0,
        nextDelayMs: 5 * s,
      },
      {
        ...common,
        attempt: 2,
        outcome: 'done',
        reason: 'done',
        elapsedMs: 5 * s,
        stop: 'done',
      },
    ])
  })

  it('succeeds on the first attempt without waiting (C43)', async () => {
    const { result, clock } = await run(() => done('Healthy'))
    expect(result).toMatchObject({ ok: true, attempts: 1, elapsedMs: 0 })
    expect(clock.slept).toEqual([])
  })

  it('stops at once on a failure not to retry (C42)', async () => {
    const { result, log } = await run(
      scripted([failFast('self-signed certificate in certificate chain')]),
    )
    expect(result).toMatchObject({
      ok: false,
      stoppedBy: 'fail-fast',
      attempts: 1,
      reason: 'self-signed certificate in certificate chain',
    })
    expect(log).toEqual([
      'attempt 1 of 5: self-signed certificate in certificate chain, not retried',
    ])
  })

  it('cuts the last wait short at the deadline and says so', async () => {
    const { result, log, clock } = await run(scripted([unavailable]), {
      deadlineMs: 30 * s,
    })
    // 5 + 10 s of back-off, then 20 s would pass 30 s: cut to 15 s.
    expect(clock.slept).toEqual([5 * s, 10 * s, 15 * s])
    expect(result).toMatchObject({
      ok: false,
      stoppedBy: 'deadline',
      attempts: 4,
      elapsedMs: 30 * s,
    })
    expect(log.slice(2)).toEqual([
      'attempt 3 of 5: 503 Service Unavailable, next in 15 s (the last, cut short by the 30 s deadline)',
      'attempt 4 of 5: 503 Service Unavailable, deadline of 30 s reached',
    ])
  })

  it('derives a finite deadline from the policy when none is set (C69)', async () => {
    const { result } = await run(scripted([unavailable]))
    // 75 s of waits plus five attempts of 10 s.
    expect(result.deadlineMs).toBe(125 * s)
  })

  it('times out an attempt that hangs and goes on (C42)', async () => {
    let calls = 0
    const hangOnce = (_n: number, signal: AbortSignal) => {
      calls += 1
      if (calls > 1) return done('ok', '200 OK')
      // Ignores its signal on purpose: retry must not wait for it.
      void signal
      return new Promise<AttemptOutcome<string>>(() => undefined)
    }
    const { result, log } = await run(
      hangOnce,
      { attemptTimeoutMs: 10 * s },
      20,
    )
    expect(result).toMatchObject({ ok: true, attempts: 2, elapsedMs: 15 * s })
    expect(log[0]).toBe('attempt 1 of 5: timeout after 10 s, next in 5 s')
  })

  it('waits at least what the attempt asks for, as a Retry-After', async () => {
    const { clock } = await run(
      scripted([retryWith('429 Too Many Requests', 30 * s), done('sent')]),
    )
    expect(clock.slept).toEqual([30 * s])
  })

  it('retries thrown errors by default, or as classifyError says', async () => {
    const tls = new Error('certificate has expired')
    const { result } = await run(scripted([tls]), {
      classifyError: (error) => failFast(String(error)),
    })
    expect(result).toMatchObject({
      stoppedBy: 'fail-fast',
      reason: 'Error: certificate has expired',
    })
  })

  it('stops waiting when the signal aborts between attempts', async () => {
    const controller = new AbortController()
    const clock = new FakeClock(0)
    const running = retry(scripted([unavailable]), {
      clock,
      signal: controller.signal,
    })
    await clock.advance(6 * s)
    controller.abort()
    const result = await running
    expect(result).toMatchObject({
      ok: false,
      stoppedBy: 'aborted',
      attempts: 2,
      reason: 'cancelled',
    })
  })

  it('stops an attempt in flight when the signal aborts', async () => {
    const controller = new AbortController()
    const result = await retry(
      () => {
        setTimeout(() => controller.abort(), 5)
        return new Promise<AttemptOutcome<string>>(() => undefined)
      },
      { clock: new FakeClock(0), signal: controller.signal },
    )
    expect(result).toMatchObject({ stoppedBy: 'aborted', attempts: 1 })
  })

  it('does not start under a signal already aborted', async () => {
    let calls = 0
    const result = await retry(() => done(String(++calls)), {
      signal: AbortSignal.abort(),
    })
    expect(result).toMatchObject({ stoppedBy: 'aborted', attempts: 0 })
    expect(calls).toBe(0)
  })

  it('hands each attempt its number and a live signal', async () => {
    const seen: [number, boolean][] = []
    await run((n, signal) => {
      seen.push([n, signal.aborted])
      return n < 3 ? unavailable : done('ok')
    })
    expect(seen).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ])
  })

  it.each([0, -1, Infinity, NaN])('refuses a deadline of %p', async (ms) => {
    await expect(retry(() => done(1), { deadlineMs: ms })).rejects.toThrow(
      /deadlineMs must be a finite number > 0/,
    )
  })
})
