// Holds examples/platform (hand-written for this repository, see its README)
// to what the CD stages, the demo and the docs expect of it.
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'

const root = fileURLToPath(new URL('../../examples/platform/', import.meta.url))
const envs = ['staging', 'production'] as const

interface SyncPolicy {
  automated?: { selfHeal?: boolean; prune?: boolean }
  retry?: unknown
}

interface ServerElement {
  name: string
  port: number
  minReplicas: number
  maxReplicas: number
  imageTag: string
}

/** The fields of Applications and ApplicationSets the tests read. */
interface ArgoResource {
  kind: string
  metadata: { name: string; annotations?: Record<string, string> }
  spec: {
    syncPolicy?: SyncPolicy
    generators?: { list: { elements: ServerElement[] } }[]
    template?: {
      spec: {
        syncPolicy: SyncPolicy
        source: { helm: { parameters: { name: string; value: string }[] } }
      }
    }
  }
}

function read(file: string): string {
  return fs.readFileSync(path.join(root, file), 'utf8')
}

function load<T>(file: string): T[] {
  return parseAllDocuments(read(file)).map((doc) => doc.toJS() as T)
}

// Helm templates are Go templates, not YAML, so they are left out here.
function yamlFiles(): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file) && !file.includes('/templates/'))
}

function argoResources(env: string): ArgoResource[] {
  return fs
    .readdirSync(path.join(root, 'argocd', env))
    .flatMap((file) => load<ArgoResource>(`argocd/${env}/${file}`))
}

function mcpServers(env: string): ArgoResource {
  const [appSet] = load<ArgoResource>(`argocd/${env}/mcp-servers.yaml`)
  if (appSet === undefined) throw new Error(`no ApplicationSet in ${env}`)
  return appSet
}

function elements(env: string): ServerElement[] {
  return mcpServers(env).spec.generators?.[0]?.list.elements ?? []
}

/** Every sync policy in an environment, its ApplicationSet's template too. */
function syncPolicies(env: string): (SyncPolicy | undefined)[] {
  return argoResources(env).map((resource) =>
    resource.kind === 'ApplicationSet'
      ? resource.spec.template?.spec.syncPolicy
      : resource.spec.syncPolicy,
  )
}

/** The value under `key:` in a template, parsed: that block has no `{{ }}`. */
function templateBlock(file: string, key: string): unknown {
  const lines = read(`charts/mcp-server/templates/${file}`).split('\n')
  const start = lines.findIndex((line) => line.trim() === `${key}:`)
  const indent = (line: string): number => line.search(/\S/)
  const base = indent(lines[start] ?? '')
  const end = lines.findIndex(
    (line, i) => i > start && line.trim() !== '' && indent(line) <= base,
  )
  const block = lines.slice(start, end).map((line) => line.slice(base))
  return (parse(block.join('\n')) as Record<string, unknown>)[key]
}

const retry = {
  limit: 5,
  backoff: { duration: '5s', factor: 2, maxDuration: '3m' },
}

describe('examples/platform', () => {
  it('parses every YAML file outside the Helm templates without errors', () => {
    const files = yamlFiles()
    const problems = files.flatMap((file) =>
      parseAllDocuments(read(file)).flatMap((doc) =>
        [...doc.errors, ...doc.warnings].map((e) => `${file}: ${e.message}`),
      ),
    )
    expect(files.length).toBeGreaterThan(15)
    expect(problems).toEqual([])
  })

  it.each(envs)('syncs the %s applications in waves 0, 1, 2 and 2', (env) => {
    const waves = Object.fromEntries(
      argoResources(env).map((resource) => [
        resource.metadata.name,
        resource.metadata.annotations?.['argocd.argoproj.io/sync-wave'],
      ]),
    )
    expect(waves).toEqual({
      'cortex-monitoring': '0',
      'cortex-dashboard': '1',
      'cortex-mcp-orch': '2',
      'cortex-mcp-servers': '2',
    })
  })

  it.each(envs)(
    'lists the five MCP servers, ports and HPA bounds in %s',
    (env) => {
      const servers = elements(env).map((e) => [
        e.name,
        e.port,
        e.minReplicas,
        e.maxReplicas,
      ])
      expect(servers).toEqual([
        ['mcp-k8s-orchestrator', 3000, 3, 20],
        ['mcp-n8n-workflow', 3001, 2, 10],
        ['mcp-talos-node', 3002, 2, 8],
        ['mcp-s3-storage', 3003, 2, 10],
        ['mcp-postgres-data', 3004, 2, 12],
      ])
    },
  )

  it('syncs staging by itself, with self-heal, prune and retries', () => {
    for (const policy of syncPolicies('staging')) {
      expect(policy?.automated).toEqual({ selfHeal: true, prune: true })
      expect(policy?.retry).toEqual(retry)
    }
  })

  it('leaves production to manual syncs, with the same retries', () => {
    for (const policy of syncPolicies('production')) {
      expect(policy?.automated).toBeUndefined()
      expect(policy?.retry).toEqual(retry)
    }
  })

  it.each([
    ['staging', '1.4.0', '2.1.0', '0.9.3'],
    ['production', '1.3.2', '2.0.4', '0.9.2'],
  ])('pins the %s images where the README says', (env, mcp, dash, orch) => {
    expect(elements(env).map((e) => e.imageTag)).toEqual(Array(5).fill(mcp))
    const overlay = `apps/dashboard/overlays/${env}/kustomization.yaml`
    const [kustomization] = load<{ images: unknown[] }>(overlay)
    expect(kustomization?.images).toEqual([
      { name: 'ghcr.io/example-org/cortex-dashboard', newTag: dash },
    ])
    const orchImages = read(`apps/mcp-orch/${env}/mcp-orch.yaml`).match(
      /image: .*/g,
    )
    expect(orchImages).toEqual(
      Array(2).fill(`image: ghcr.io/example-org/cortex-mcp-orch:${orch}`),
    )
  })

  it.each(envs)(
    'names the %s MCP images ghcr.io/example-org/mcp-<name>',
    (env) => {
      const appSet = mcpServers(env)
      const parameters = appSet.spec.template?.spec.source.helm.parameters ?? []
      const value = (name: string): string | undefined =>
        parameters.find((p) => p.name === name)?.value
      expect(value('image.repository')).toBe('ghcr.io/example-org/{{.name}}')
      expect(value('image.tag')).toBe('{{.imageTag}}')
      for (const { name } of elements(env))
        expect(name).toMatch(/^mcp-[a-z0-9-]+$/)
    },
  )
})

describe('the mcp-server chart', () => {
  it('allows 150 s to start, then probes every 10 s and 5 s', () => {
    const probe = (key: string): unknown =>
      templateBlock('deployment.yaml', key)
    const startup = probe('startupProbe') as Record<string, number>
    expect(startup['periodSeconds'] * startup['failureThreshold']).toBe(150)
    expect(probe('startupProbe')).toMatchObject({
      httpGet: { path: '/health' },
    })
    expect(probe('livenessProbe')).toMatchObject({
      httpGet: { path: '/health', port: 'http' },
      periodSeconds: 10,
    })
    expect(probe('readinessProbe')).toMatchObject({
      httpGet: { path: '/ready', port: 'http' },
      periodSeconds: 5,
    })
  })

  it('scales at 80 % of CPU and memory, and scales in after 300 s', () => {
    const target = { type: 'Utilization', averageUtilization: 80 }
    expect(templateBlock('hpa.yaml', 'metrics')).toEqual(
      ['cpu', 'memory'].map((name) => ({
        type: 'Resource',
        resource: { name, target },
      })),
    )
    expect(templateBlock('hpa.yaml', 'behavior')).toEqual({
      scaleDown: { stabilizationWindowSeconds: 300 },
    })
  })

  it('renders each object with the API version clusters serve today', () => {
    const dir = path.join(root, 'charts/mcp-server/templates')
    const kinds = fs
      .readdirSync(dir)
      .flatMap(
        (file) =>
          read(`charts/mcp-server/templates/${file}`).match(
            /^apiVersion: .*\nkind: .*$/gm,
          ) ?? [],
      )
      .map((head) => head.replace(/apiVersion: (.*)\nkind: (.*)/, '$2 $1'))
      .sort()
    expect(kinds).toEqual([
      'Deployment apps/v1',
      'HorizontalPodAutoscaler autoscaling/v2',
      'NetworkPolicy networking.k8s.io/v1',
      'PodDisruptionBudget policy/v1',
      'Role rbac.authorization.k8s.io/v1',
      'RoleBinding rbac.authorization.k8s.io/v1',
      'Service v1',
      'ServiceAccount v1',
      'ServiceMonitor monitoring.coreos.com/v1',
    ])
  })
})
