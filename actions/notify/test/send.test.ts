import { afterEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { SendResult } from '../src/send.js'
import { retryAfterMs, sendNotification } from '../src/send.js'
import type { Reply, WebhookServer } from './webhook-server.js'
import { SECRET_PATH, startWebhook } from './webhook-server.js'

const s = 1_000
const servers: WebhookServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

interface Sent {
  result: SendResult
  server: WebhookServer
  clock: FakeClock
  log: MemoryLogger
}

/** Sends `{hello: 'world'}` to a stand-in answering `replies`, on a fake clock. */
async function send(replies: Reply[], attempts = 4): Promise<Sent> {
  const server = await startWebhook(replies)
  servers.push(server)
  const clock = new FakeClock(0)
  const log = new MemoryLogger()
  const result = await clock.run(
    sendNotification(
      {
        url: server.url,
        host: server.host,
        body: { hello: 'world' },
        attempts,
        attemptTimeoutMs: 10 * s,
      },
      { fetch: globalThis.fetch, clock, logger: log },
    ),
    { ioGraceMs: 100 },
  )
  return { result, server, clock, log }
}

/** The back-off waits taken, in seconds, leaving out attempt timeouts. */
function waits(clock: FakeClock): number[] {
  return clock.sleeps.filter((x) => !x.timeout).map((x) => x.ms / s)
}

describe('sendNotification', () => {
  it('posts the body as JSON once when the webhook accepts it', async () => {
    const { result, server } = await send([{ status: 200 }])
    expect(result).toEqual({ sent: true, statusCode: 200, attempts: 1 })
    expect(server.received).toEqual([
      {
        method: 'POST',
        path: SECRET_PATH,
        contentType: 'application/json; charset=utf-8',
        body: '{"hello":"world"}',
      },
    ])
  })

  it('tries a 503 again twice, after 2 s then 4 s, and then succeeds', async () => {
    const { result, clock, log, server } = await send([
      { status: 503 },
      { status: 503 },
      { status: 200 },
    ])
    expect(result).toEqual({ sent: true, statusCode: 200, attempts: 3 })
    expect(waits(clock)).toEqual([2, 4])
    expect(log.at('info')).toEqual([
      `${server.host}: attempt 1 of 4: HTTP 503 ok, next in 2 s`,
      `${server.host}: attempt 2 of 4: HTTP 503 ok, next in 4 s`,
      `${server.host}: attempt 3 of 4: HTTP 200`,
    ])
  })

  it.each<[string, string, number]>([
    ['seconds', '30', 30],
    ['an HTTP date', 'Thu, 01 Jan 1970 00:00:45 GMT', 45],
    ['too long a wait, capped at 60 s', '3600', 60],
    ['a value it cannot read, so the back-off', 'soon', 2],
  ])(
    'waits out a 429 with a Retry-After in %s',
    async (_name, header, seconds) => {
      const { result, clock } = await send([
        { status: 429, headers: { 'retry-after': header } },
        { status: 204, body: '' },
      ])
      expect(result).toEqual({ sent: true, statusCode: 204, attempts: 2 })
      expect(waits(clock)).toEqual([seconds])
    },
  )

  it('does not try a 400 again, and says what the webhook answered', async () => {
    const { result, clock } = await send([
      { status: 400, body: 'invalid_payload' },
    ])
    expect(result).toEqual({
      sent: false,
      statusCode: 400,
      attempts: 1,
      failure: expect.stringMatching(
        /^not sent to 127\.0\.0\.1:\d+: HTTP 400 invalid_payload \(not retried\)$/,
      ) as unknown,
    })
    expect(waits(clock)).toEqual([])
  })

  it('gives up after the last retry of a webhook that keeps failing', async () => {
    const { result, clock } = await send([{ status: 500 }], 3)
    expect(result).toMatchObject({ sent: false, statusCode: 500, attempts: 3 })
    expect(result.failure).toMatch(/after 3 attempts \(last: HTTP 500 ok\)/)
    expect(waits(clock)).toEqual([2, 4])
  })

  it('times an attempt out and tries again', async () => {
    const { result, clock, log } = await send([{ hang: true }, { status: 200 }])
    expect(result).toEqual({ sent: true, statusCode: 200, attempts: 2 })
    expect(clock.sleeps.filter((x) => x.timeout)[0]).toMatchObject({
      ms: 10 * s,
      state: 'done',
    })
    expect(log.at('info')[0]).toMatch(/attempt 1 of 4: timeout after 10 s/)
  })

  it('never names the secret path in what it logs or returns', async () => {
    const { result, log } = await send([{ status: 400, body: SECRET_PATH }])
    const seen = JSON.stringify([result, log.lines])
    expect(seen).not.toContain(SECRET_PATH)
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1)
  it.each<[string | null, number | undefined]>([
    [null, undefined],
    ['0', 0],
    [' 7 ', 7_000],
    ['120', 60_000],
    ['Wed, 01 Jan 2025 00:00:10 GMT', 10_000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['later', undefined],
  ])('reads %j as %p ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms)
  })
})
