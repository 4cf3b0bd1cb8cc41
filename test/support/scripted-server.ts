// An HTTP or HTTPS server on 127.0.0.1 that answers each path from a
// script (a sequence of replies, the last one repeating), records every
// request, and can hang, drop the connection, or send bytes that are not
// HTTP. It can also start out not listening, so its port refuses
// connections, and start later on that same port.
import * as http from 'node:http'
import * as https from 'node:https'
import * as net from 'node:net'

/** One answer to one request. */
export interface Reply {
  /** 200 when absent. */
  status?: number
  headers?: Record<string, string>
  body?: string
  /** Accept the request and never answer it. */
  hang?: boolean
  /** Send the status, headers and body, then never end the response. */
  hangAfterHead?: boolean
  /** Close the connection without a response. */
  drop?: boolean
  /** Write these bytes to the socket in place of a response, then close. */
  raw?: string
}

/** A request the server received. */
export interface RecordedRequest {
  method: string
  /** The path with its query, as sent. */
  path: string
  headers: http.IncomingHttpHeaders
}

/** What one path answers: a reply, replies in turn, or one chosen per request. */
export type PathScript = Reply | Reply[] | ((request: RecordedRequest) => Reply)

/** Options of `startScriptedServer`. */
export interface ScriptedServerOptions {
  /** Replies per URL path (no query); other paths answer 404. */
  script?: Record<string, PathScript>
  /** Serve HTTPS with this certificate. */
  tls?: { cert: string; key: string }
  /** Start listening at once (default); false keeps the port closed. */
  listening?: boolean
}

/** A running (or ready to run) scripted server. */
export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` or `https://…`, no trailing slash. */
  url: string
  port: number
  requests: RecordedRequest[]
  /** Replaces what `path` answers; its sequence starts again. */
  script(path: string, replies: PathScript): void
  /** Starts listening on the port, if not yet. */
  listen(): Promise<void>
  /** Stops listening and drops every connection, hung ones included. */
  close(): Promise<void>
}

/** Starts a scripted server on 127.0.0.1 and an ephemeral port. */
export async function startScriptedServer(
  options: ScriptedServerOptions = {},
): Promise<ScriptedServer> {
  const scripts = new Map<string, PathScript>(
    Object.entries(options.script ?? {}),
  )
  const served = new Map<string, number>()
  const requests: RecordedRequest[] = []
  const sockets = new Set<net.Socket>()

  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
    }
    requests.push(recorded)
    const path = new URL(recorded.path, 'http://127.0.0.1').pathname
    const reply = nextReply(scripts.get(path), served, path, recorded)
    req.resume()
    if (reply.hang) return
    if (reply.drop) {
      // A clean close: destroy() could send a reset instead.
      req.socket.end()
      return
    }
    if (reply.raw !== undefined) {
      req.socket.end(reply.raw)
      return
    }
    res.writeHead(reply.status ?? 200, reply.headers)
    if (reply.hangAfterHead) {
      res.write(reply.body ?? '')
      return
    }
    res.end(reply.body)
  }
  const server = options.tls
    ? https.createServer({ ...options.tls }, answer)
    : http.createServer(answer)
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  const port = await freePort()
  let listening = false
  const listen = async (): Promise<void> => {
    if (listening) return
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    listening = true
  }
  if (options.listening !== false) await listen()

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    script(path, replies) {
      scripts.set(path, replies)
      served.delete(path)
    },
    listen,
    close: async () => {
      if (!listening) return
      listening = false
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve()),
      )
      for (const socket of sockets) socket.destroy()
      await closed
    },
  }
}

function nextReply(
  script: PathScript | undefined,
  served: Map<string, number>,
  path: string,
  request: RecordedRequest,
): Reply {
  if (script === undefined) return { status: 404, body: 'no script' }
  if (typeof script === 'function') return script(request)
  if (!Array.isArray(script)) return script
  const n = served.get(path) ?? 0
  served.set(path, n + 1)
  return script[Math.min(n, script.length - 1)] ?? { status: 200 }
}

// A port nothing listens on: bind an ephemeral one and let it go. Another
// process could take it in between; on a test machine that is rare enough.
function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
