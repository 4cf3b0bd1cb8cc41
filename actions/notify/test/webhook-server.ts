// A webhook stand-in on 127.0.0.1: answers each POST with the next scripted
// reply (the last one repeats) and records what it was sent. A reply with
// `hang` never answers, to make an attempt time out.
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

/** One scripted answer. */
export interface Reply {
  status?: number
  headers?: Record<string, string>
  body?: string
  hang?: boolean
}

/** One request the stand-in received. */
export interface Received {
  method: string
  path: string
  contentType: string
  body: string
}

/** A running stand-in. */
export interface WebhookServer {
  /** The webhook URL, with a secret-looking path. */
  url: string
  host: string
  received: Received[]
  close(): Promise<void>
}

/** The path the stand-in's URL carries, as Slack's do: it is the secret. */
export const SECRET_PATH = '/services/T0001/B0002/s3cretHookTokenXYZ'

/** Starts a stand-in answering with `replies` in turn. */
export async function startWebhook(
  replies: Reply[] = [{}],
): Promise<WebhookServer> {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      })
      const reply = replies[Math.min(received.length, replies.length) - 1]
      if (reply?.hang) return
      res
        .writeHead(reply?.status ?? 200, reply?.headers ?? {})
        .end(reply?.body ?? 'ok')
    })
  })
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve()),
  )
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: `http://${host}${SECRET_PATH}`,
    host,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
