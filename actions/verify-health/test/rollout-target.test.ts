import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import {
  parseRollouts,
  rolloutName,
  type RolloutTarget,
} from '../src/rollout-target.js'

// The `rollouts` input read into workloads, and every refusal naming the
// input and the line.

function refusal(lines: string[]): ConfigError {
  try {
    parseRollouts(lines)
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parseRollouts', () => {
  it.each<[string, RolloutTarget]>([
    ['deployment/api', { kind: 'deployment', name: 'api' }],
    [
      'statefulset/db -n data',
      { kind: 'statefulset', name: 'db', namespace: 'data' },
    ],
    [
      'prod/deployment/api',
      { kind: 'deployment', name: 'api', namespace: 'prod' },
    ],
    ['deploy/api', { kind: 'deployment', name: 'api' }],
    ['sts/db', { kind: 'statefulset', name: 'db' }],
    ['ds/node-exporter', { kind: 'daemonset', name: 'node-exporter' }],
    ['Deployments/api', { kind: 'deployment', name: 'api' }],
    [
      'daemonset/fluent-bit --namespace logging',
      { kind: 'daemonset', name: 'fluent-bit', namespace: 'logging' },
    ],
    [
      'deployment/mcp.s3 -n=cortex',
      { kind: 'deployment', name: 'mcp.s3', namespace: 'cortex' },
    ],
    [
      '  deployment/api   --namespace=prod  ',
      { kind: 'deployment', name: 'api', namespace: 'prod' },
    ],
  ])('reads %j', (line, target) => {
    expect(parseRollouts([line])).toEqual([target])
  })

  it('reads several lines in order', () => {
    expect(parseRollouts(['prod/deploy/api', 'sts/db -n data'])).toEqual([
      { kind: 'deployment', name: 'api', namespace: 'prod' },
      { kind: 'statefulset', name: 'db', namespace: 'data' },
    ])
  })

  it.each([
    ['api', 'a workload'],
    ['a/b/c/d', 'a workload'],
    ['job/migrate', 'a known kind, not job'],
    ['/api', 'a known kind, not none'],
    ['deployment/', 'a name of lowercase letters'],
    ['deployment/API', 'a name of lowercase letters'],
    ['deployment/api-', 'a name of lowercase letters'],
    ['Prod/deployment/api', 'a namespace of lowercase letters'],
    ['deployment/api -n', 'only -n or --namespace after the workload'],
    ['deployment/api -n=', 'a namespace of lowercase letters'],
    ['deployment/api -n a b', 'only -n or --namespace after the workload'],
    [
      'deployment/api --context prod',
      'only -n or --namespace after the workload, not --context prod',
    ],
    ['prod/deployment/api -n prod', 'one namespace, not two'],
    ['deployment/ap_i', 'a name of lowercase letters'],
  ])('refuses %j: expects %s', (line, expected) => {
    const error = refusal([line])
    expect(error.input).toBe('rollouts')
    expect(error.value).toBe(line)
    expect(error.expected).toContain(expected)
    expect(error.message).toContain('deployment, statefulset, daemonset')
  })

  it('refuses a workload listed twice, however it is written', () => {
    const error = refusal(['prod/deployment/api', 'deploy/api -n prod'])
    expect(error.value).toBe('deploy/api -n prod')
    expect(error.expected).toBe(
      'each workload once (rollout/prod/deployment/api)',
    )
  })
})

describe('rolloutName', () => {
  it.each<[RolloutTarget, string]>([
    [
      { kind: 'deployment', name: 'api', namespace: 'prod' },
      'rollout/prod/deployment/api',
    ],
    [{ kind: 'statefulset', name: 'db' }, 'rollout/default/statefulset/db'],
  ])('names %j %s', (target, name) => {
    expect(rolloutName(target)).toBe(name)
  })
})
