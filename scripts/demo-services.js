// Stand-ins for the five MCP servers of examples/platform, for the demo's
// health check: one HTTP server on 127.0.0.1 each (ports picked by the OS),
// plus a webhook that prints what notify posts. mcp-talos-node is slow to
// become ready; mcp-s3-storage answers 503 twice before it is healthy.
// Prints one JSON line {services: {name: url}, webhook: url} when
// listening, and runs until killed.
//
//   node scripts/demo-services.js
import { createServer } from 'node:http'

const started = Date.now()

/** How each server behaves: `readyAfterMs` of 503s, or `failFirst` 503s. */
const SERVICES = {
  'mcp-k8s-orchestrator': {},
  'mcp-n8n-workflow': {},
  'mcp-talos-node': { readyAfterMs: 2_500 },
  'mcp-s3-storage': { failFirst: 2 },
  'mcp-postgres-data': {},
}

function listen(handler) {
  const server = createServer(handler)
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${server.address().port}`),
    ),
  )
}

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function service(name, behaviour) {
  let calls = 0
  return listen((req, res) => {
    if (req.url !== '/health' && req.url !== '/ready') {
      return answer(res, 404, { error: 'not found' })
    }
    calls += 1
    const warming =
      Date.now() - started < (behaviour.readyAfterMs ?? 0) ||
      calls <= (behaviour.failFirst ?? 0)
    if (warming) return answer(res, 503, { status: 'starting', name })
    return answer(res, 200, { status: 'ok', name })
  })
}

const services = {}
for (const [name, behaviour] of Object.entries(SERVICES)) {
  services[name] = await service(name, behaviour)
}
const webhook = await listen((req, res) => {
  let body = ''
  req.on('data', (chunk) => (body += chunk))
  req.on('end', () => {
    process.stderr.write(`webhook received: ${body}\n`)
    answer(res, 200, { ok: true })
  })
})
process.stdout.write(`${JSON.stringify({ services, webhook })}\n`)
