// The `rollouts` input: one workload a line, written the way kubectl takes
// it (`deployment/api -n prod`) or namespace first (`prod/deployment/api`).
import { ConfigError } from '../../../lib/runner/index.js'

/** The workload kinds a rollout can be waited on for. */
export type RolloutKind = 'deployment' | 'statefulset' | 'daemonset'

/** One workload whose rollout verify-health waits on. */
export interface RolloutTarget {
  readonly kind: RolloutKind
  readonly name: string
  /** The context's namespace when absent, as kubectl does. */
  readonly namespace?: string
}

// kubectl's own names, short names and plurals for the three kinds.
const KINDS: Readonly<Record<string, RolloutKind>> = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  sts: 'statefulset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  ds: 'daemonset',
}

// Object names are DNS-1123 subdomains; namespaces are DNS-1123 labels.
const NAME = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/
const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/

const EXPECTED =
  '`kind/name`, `kind/name -n namespace` or `namespace/kind/name`, ' +
  'kind one of deployment, statefulset, daemonset (deploy, sts, ds)'

/** Reads the `rollouts` input, one workload a line, each listed once. */
export function parseRollouts(lines: readonly string[]): RolloutTarget[] {
  const seen = new Set<string>()
  return lines.map((line) => {
    const target = parseRollout(line)
    const key = rolloutName(target)
    if (seen.has(key)) {
      throw new ConfigError('rollouts', line, `each workload once (${key})`)
    }
    seen.add(key)
    return target
  })
}

/** How a rollout check is named: `rollout/<namespace>/<kind>/<name>`. */
export function rolloutName(target: RolloutTarget): string {
  const namespace = target.namespace ?? 'default'
  return `rollout/${namespace}/${target.kind}/${target.name}`
}

function parseRollout(line: string): RolloutTarget {
  const bad = (why: string): ConfigError =>
    new ConfigError('rollouts', line, `${why}: ${EXPECTED}`)
  const [ref, ...flags] = line.trim().split(/\s+/)
  const flagNamespace = readNamespaceFlag(flags, bad)
  const parts = (ref ?? '').split('/')
  if (parts.length < 2 || parts.length > 3) throw bad('a workload')
  const [kindText, name] = parts.slice(-2) as [string, string]
  const refNamespace = parts.length === 3 ? parts[0] : undefined
  if (refNamespace !== undefined && flagNamespace !== undefined) {
    throw bad('one namespace, not two')
  }
  const kind = KINDS[kindText.toLowerCase()]
  if (kind === undefined) throw bad(`a known kind, not ${kindText || 'none'}`)
  if (!NAME.test(name)) {
    throw bad('a name of lowercase letters, digits, `-` and `.`')
  }
  const namespace = refNamespace ?? flagNamespace
  if (namespace === undefined) return { kind, name }
  if (!NAMESPACE.test(namespace)) {
    throw bad('a namespace of lowercase letters, digits and `-`')
  }
  return { kind, name, namespace }
}

// `-n ns`, `-n=ns`, `--namespace ns` or `--namespace=ns`, and nothing else.
function readNamespaceFlag(
  flags: readonly string[],
  bad: (why: string) => ConfigError,
): string | undefined {
  if (flags.length === 0) return undefined
  const [flag = '', value] = flags
  const joined = /^(-n|--namespace)=(.*)$/.exec(flag)
  if (joined && flags.length === 1) return joined[2]
  if ((flag === '-n' || flag === '--namespace') && flags.length === 2) {
    return value
  }
  throw bad(`only -n or --namespace after the workload, not ${flags.join(' ')}`)
}
