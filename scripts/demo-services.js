// Stand-ins for the five MCP servers of examples/platform, for the demo's
// health check: one HTTP server on 127.0.0.1 each (ports picked by the OS),
// plus a webhook that prints what notify posts. mcp-talos-node is slow to
// become ready; mcp-s3-storage answers 503 twice before it is healthy.
// With a pull-request file ({pull, files}, written by the demo), also the
// few GitHub REST API reads pr-summary makes in a dry run. Prints one JSON
// line {services: {name: url}, webhook: url, github: url} when listening,
// and runs until killed.
//
//   node scripts/demo-services.js [pull.json]
import { readFileSync } from 'node:fs'
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
const pullFile = process.argv[2]
const github = pullFile
  ? await listen((req, res) => {
      const { pull, files } = JSON.parse(readFileSync(pullFile, 'utf8'))
      const path = new URL(req.url, 'http://x').pathname
      const repo = `/repos/${pull.base.repo.full_name}`
      if (req.method !== 'GET')
        return answer(res, 405, { message: 'read only' })
      if (path === `${repo}/pulls/${pull.number}`) return answer(res, 200, pull)
      if (path === `${repo}/pulls/${pull.number}/files`) {
        const page = Number(
          new URL(req.url, 'http://x').searchParams.get('page') ?? '1',
        )
        return answer(res, 200, page === 1 ? files : [])
      }
      return answer(res, 404, { message: 'Not Found' })
    })
  : undefined
process.stdout.write(`${JSON.stringify({ services, webhook, github })}\n`)
