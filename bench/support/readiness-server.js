// The targets of the verify-health benchmark, run as a child process of
// the benchmark (forked with an IPC channel) so serving them takes no CPU
// time from the process being timed. One HTTP server on 127.0.0.1 serves
// /svc-<n>/ready for every target: 503 until the target's delay has passed
// since the start message, then 200. It notes when each target was first
// answered 200, which is when the tool under test saw it ready.
//
// Messages: parent → { start: delaysMs[] }, answered { started: true };
// parent → { stats: true }, answered { stats }. Sends { port } on listening.
import * as http from 'node:http'
import { performance } from 'node:perf_hooks'
import { setTimeout } from 'node:timers'

/** The path of target `index`, as the benchmark builds its URLs. */
const TARGET_PATH = /^\/svc-(\d+)\/ready$/

/** However the parent ends, this process ends too, at the latest by then. */
const LIFETIME_MS = 15 * 60 * 1000

let delays = []
let startedAt
let requests = 0
let firstRequestMs
const firstOkMs = new Map()

function since() {
  return performance.now() - startedAt
}

const server = http.createServer((req, res) => {
  requests += 1
  const at = startedAt === undefined ? undefined : since()
  firstRequestMs ??= at
  const index = Number(TARGET_PATH.exec(req.url ?? '')?.[1] ?? NaN)
  // Every body is read to its end so keep-alive connections stay usable.
  req.resume()
  if (!Number.isInteger(index) || index >= delays.length) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such target')
    return
  }
  if (at === undefined || at < delays[index]) {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('starting')
    return
  }
  if (!firstOkMs.has(index)) firstOkMs.set(index, at)
  res.writeHead(200, { 'content-type': 'text/plain' }).end('ready')
})

process.on('message', (message) => {
  if (message.start !== undefined) {
    delays = message.start
    startedAt = performance.now()
    process.send({ started: true })
  } else if (message.stats !== undefined) {
    const seen = [...firstOkMs.values()]
    process.send({
      stats: {
        requests,
        firstRequestMs,
        targetsSeenReady: seen.length,
        lastSeenReadyMs: seen.length === 0 ? undefined : Math.max(...seen),
      },
    })
  }
})

process.on('disconnect', () => process.exit(0))
setTimeout(() => process.exit(1), LIFETIME_MS).unref()

server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port })
})
