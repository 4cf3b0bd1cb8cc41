import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runCommand } from '../../../lib/command/index.js'
import type { AttemptOutcome } from '../../../lib/retry/index.js'
import {
  createFakeKubectl,
  kubectlSays,
  type FakeKubectl,
  type KubectlAnswer,
} from '../../../test/support/fake-kubectl.js'
import { rolloutCheck, type KubectlRunner } from '../src/rollout-check.js'
import type { RolloutTarget } from '../src/rollout-target.js'
import { deployment, progressDeadlineExceeded } from './rollout-objects.js'

// One attempt of a rollout check: what it asks kubectl (a fake on PATH)
// and what it makes of each answer.

const API: RolloutTarget = {
  kind: 'deployment',
  name: 'api',
  namespace: 'prod',
}

let kubectl: FakeKubectl
beforeEach(() => {
  kubectl = createFakeKubectl()
})
afterEach(() => kubectl.cleanup())

function attemptOnce(
  target: RolloutTarget = API,
  run: KubectlRunner = kubectl.run,
): Promise<AttemptOutcome<string>> {
  return rolloutCheck(target, { run }).attempt(1, new AbortController().signal)
}

describe('rolloutCheck', () => {
  it('is a rollout check named by namespace, kind and name', () => {
    const check = rolloutCheck(API)
    expect(check.kind).toBe('rollout')
    expect(check.name).toBe('rollout/prod/deployment/api')
    expect(rolloutCheck({ kind: 'daemonset', name: 'ds' }).name).toBe(
      'rollout/default/daemonset/ds',
    )
  })

  it('asks kubectl for the object as JSON, in its namespace and context', async () => {
    kubectl.contexts(['prod-eu'])
    await rolloutCheck(API, { run: kubectl.run, context: 'prod-eu' }).attempt(
      1,
      new AbortController().signal,
    )
    expect(kubectl.calls()).toEqual([
      [
        'get',
        'deployment/api',
        '-o',
        'json',
        '-n',
        'prod',
        '--context',
        'prod-eu',
      ],
    ])
  })

  it('leaves the namespace and the context to kubectl when none is given', async () => {
    await attemptOnce({ kind: 'statefulset', name: 'db' })
    expect(kubectl.calls()).toEqual([['get', 'statefulset/db', '-o', 'json']])
  })

  const current = { generation: 2, observedGeneration: 2, desired: 2 }
  it.each<[string, KubectlAnswer, AttemptOutcome<string>]>([
    [
      'is healthy once the rollout is done',
      {
        object: deployment({
          ...current,
          replicas: 2,
          updatedReplicas: 2,
          availableReplicas: 2,
        }),
      },
      { kind: 'done', value: '', status: '2 of 2 updated, 2 available' },
    ],
    [
      'tries again while it progresses',
      {
        object: deployment({
          ...current,
          replicas: 3,
          updatedReplicas: 1,
          availableReplicas: 2,
        }),
      },
      { kind: 'retry', reason: '1 of 2 updated, 2 available, 2 old' },
    ],
    [
      'fails at once when the progress deadline is exceeded',
      {
        object: deployment({
          ...current,
          replicas: 2,
          conditions: [progressDeadlineExceeded],
        }),
      },
      {
        kind: 'fail-fast',
        reason:
          'progress deadline exceeded: ReplicaSet "api-7d9f8c6b5" has timed out progressing. (0 of 2 updated, 0 available, 2 old)',
      },
    ],
    [
      'reads the object past a warning kubectl prints first',
      {
        stderr:
          'Warning: apps/v1beta1 Deployment is deprecated in v1.9+, unavailable in v1.16+',
        object: deployment({
          ...current,
          replicas: 2,
          updatedReplicas: 2,
          availableReplicas: 2,
        }),
      },
      { kind: 'done', value: '', status: '2 of 2 updated, 2 available' },
    ],
    [
      'tries again while the object is not found',
      kubectlSays.notFound('deployments.apps', 'api'),
      { kind: 'retry', reason: 'not found' },
    ],
    [
      'fails at once, in kubectl’s words, when the identity may not read it',
      kubectlSays.forbidden('deployments.apps', 'api', 'prod'),
      {
        kind: 'fail-fast',
        reason:
          'Error from server (Forbidden): deployments.apps "api" is forbidden: User "system:serviceaccount:ci:deployer" cannot get resource "deployments" in API group "apps" in the namespace "prod"',
      },
    ],
    [
      'fails at once when the credentials are refused',
      kubectlSays.unauthorized(),
      {
        kind: 'fail-fast',
        reason: 'error: You must be logged in to the server (Unauthorized)',
      },
    ],
    [
      'tries again while the API server refuses connections, with kubectl’s last line',
      kubectlSays.refused(),
      {
        kind: 'retry',
        reason:
          'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
      },
    ],
    [
      'fails at once when kubectl prints something other than JSON',
      { stdout: 'NAME   READY   UP-TO-DATE\napi    2/2     2\n' },
      {
        kind: 'fail-fast',
        reason: 'kubectl printed no JSON: NAME READY UP-TO-DATE api 2/2 2',
      },
    ],
    [
      'says how kubectl exited when it printed nothing',
      { exit: 2 },
      { kind: 'retry', reason: 'kubectl exited with 2' },
    ],
  ])('%s', async (_, answer, outcome) => {
    kubectl.script('prod/deployment/api', answer)
    await expect(attemptOnce()).resolves.toEqual(outcome)
  })

  it('tries again while an object nobody scripted is NotFound', async () => {
    await expect(attemptOnce()).resolves.toEqual({
      kind: 'retry',
      reason: 'not found',
    })
  })

  it('fails at once when the kubeconfig has no such context', async () => {
    kubectl.contexts(['prod-eu'])
    const check = rolloutCheck(API, { run: kubectl.run, context: 'staging' })
    await expect(
      check.attempt(1, new AbortController().signal),
    ).resolves.toEqual({
      kind: 'fail-fast',
      reason: 'error: context "staging" does not exist',
    })
  })

  it('fails at once when kubectl is not on PATH', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-no-kubectl-'))
    try {
      const run: KubectlRunner = (command, args, options = {}) =>
        runCommand(command, args, { ...options, env: { PATH: empty } })
      await expect(attemptOnce(API, run)).resolves.toEqual({
        kind: 'fail-fast',
        reason: 'kubectl not found on PATH',
      })
    } finally {
      fs.rmSync(empty, { recursive: true, force: true })
    }
  })

  it('names a kubectl given by path that does not exist', async () => {
    const check = rolloutCheck(API, { kubectl: '/nonexistent/bin/kubectl' })
    await expect(
      check.attempt(1, new AbortController().signal),
    ).resolves.toEqual({
      kind: 'fail-fast',
      reason: '/nonexistent/bin/kubectl not found',
    })
  })

  it('hands the attempt’s signal to the runner, so it can stop kubectl', async () => {
    const seen: (AbortSignal | undefined)[] = []
    const run: KubectlRunner = (command, args, options) => {
      seen.push(options?.signal)
      return kubectl.run(command, args, options)
    }
    const controller = new AbortController()
    await rolloutCheck(API, { run }).attempt(1, controller.signal)
    expect(seen).toEqual([controller.signal])
  })

  it('passes on the error of a runner stopped by the signal', async () => {
    const controller = new AbortController()
    const stopped = new Error('The operation was aborted')
    const run: KubectlRunner = () => {
      controller.abort()
      return Promise.reject(stopped)
    }
    await expect(
      rolloutCheck(API, { run }).attempt(1, controller.signal),
    ).rejects.toBe(stopped)
  })

  it('kills a kubectl that hangs when the attempt’s signal aborts', async () => {
    kubectl.script('prod/deployment/api', { hangMs: 30_000 })
    const controller = new AbortController()
    const started = Date.now()
    const attempt = rolloutCheck(API, { run: kubectl.run }).attempt(
      1,
      controller.signal,
    )
    setTimeout(() => controller.abort(new Error('timeout after 10 s')), 300)
    await expect(attempt).rejects.toThrow('timeout after 10 s')
    // Killed, not waited for: far less than the 30 s the fake would hang.
    expect(Date.now() - started).toBeLessThan(10_000)
  })
})
