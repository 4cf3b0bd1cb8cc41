import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runChecks, type CheckReport } from '../../../lib/health/index.js'
import { FakeClock } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  createFakeKubectl,
  kubectlSays,
  type FakeKubectl,
} from '../../../test/support/fake-kubectl.js'
import { rolloutCheck, type KubectlRunner } from '../src/rollout-check.js'
import { parseRollouts, type RolloutTarget } from '../src/rollout-target.js'
import {
  deployment,
  progressDeadlineExceeded,
  statefulSet,
} from './rollout-objects.js'

// CASES C46 and its neighbours, poll by poll: a fake kubectl on PATH
// answers each `get`, runChecks waits with the default back-off (5 s, ×2,
// 5 attempts) on a FakeClock, so the schedule is asserted exactly.

const API: RolloutTarget = {
  kind: 'deployment',
  name: 'api',
  namespace: 'prod',
}

let kubectl: FakeKubectl
let clock: FakeClock
let logger: MemoryLogger
beforeEach(() => {
  kubectl = createFakeKubectl()
  clock = new FakeClock()
  logger = new MemoryLogger()
})
afterEach(() => kubectl.cleanup())

async function waitFor(...lines: string[]): Promise<CheckReport[]> {
  const checks = parseRollouts(lines).map((target) =>
    rolloutCheck(target, { run: kubectl.run }),
  )
  return clock.run(runChecks(checks, { logger, clock }))
}

// C46's input: the status of the previous rollout, then the rollout under
// way; the third poll, where it is done, is ours.
const C46 = {
  stale: deployment({
    generation: 7,
    observedGeneration: 6,
    desired: 3,
    replicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
  }),
  rolling: deployment({
    generation: 7,
    observedGeneration: 7,
    desired: 3,
    replicas: 4,
    updatedReplicas: 1,
    availableReplicas: 3,
  }),
  done: deployment({
    generation: 7,
    observedGeneration: 7,
    desired: 3,
    replicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
  }),
}

describe('C46: a rollout is done only when generations and counts agree', () => {
  it('waits through the stale status and the old pods, and is healthy at the third poll', async () => {
    kubectl.script(
      'prod/deployment/api',
      { object: C46.stale },
      { object: C46.rolling },
      { object: C46.done },
    )
    const [report] = await waitFor('prod/deployment/api')
    expect(report).toMatchObject({
      name: 'rollout/prod/deployment/api',
      kind: 'rollout',
      healthy: true,
      attempts: 3,
      lastStatus: '3 of 3 updated, 3 available',
      timeToHealthyMs: 15_000,
    })
    expect(clock.slept).toEqual([5_000, 10_000])
    expect(logger.at('info')).toEqual([
      'rollout/prod/deployment/api: attempt 1 of 5: 3 of 3 updated, 3 available (generation 7 observed 6), next in 5 s',
      'rollout/prod/deployment/api: attempt 2 of 5: 1 of 3 updated, 3 available, 3 old, next in 10 s',
      'rollout/prod/deployment/api: attempt 3 of 5: 3 of 3 updated, 3 available',
    ])
    expect(kubectl.calls()).toHaveLength(3)
  })

  it('never takes the stale status for success, however long it lasts', async () => {
    kubectl.script('prod/deployment/api', { object: C46.stale })
    const [report] = await waitFor('prod/deployment/api')
    expect(report).toMatchObject({
      healthy: false,
      attempts: 5,
      stoppedBy: 'attempts',
      failure:
        'unhealthy after 5 attempts (last: 3 of 3 updated, 3 available (generation 7 observed 6)) in 1 min 15 s',
    })
    expect(clock.slept).toEqual([5_000, 10_000, 20_000, 40_000])
  })

  it('is not done while old pods remain, even with every pod available', async () => {
    kubectl.script(
      'prod/deployment/api',
      { object: C46.rolling },
      { object: C46.done },
    )
    const [report] = await waitFor('prod/deployment/api')
    expect(report).toMatchObject({ healthy: true, attempts: 2 })
    expect(clock.slept).toEqual([5_000])
  })

  it('fails at once when the condition Progressing says ProgressDeadlineExceeded', async () => {
    const stalled = deployment({
      generation: 7,
      observedGeneration: 7,
      desired: 3,
      replicas: 4,
      updatedReplicas: 1,
      availableReplicas: 3,
      conditions: [progressDeadlineExceeded],
    })
    kubectl.script(
      'prod/deployment/api',
      { object: C46.rolling },
      { object: stalled },
    )
    const [report] = await waitFor('prod/deployment/api')
    expect(report).toMatchObject({
      healthy: false,
      attempts: 2,
      stoppedBy: 'fail-fast',
      failure:
        'unhealthy: progress deadline exceeded: ReplicaSet "api-7d9f8c6b5" has timed out progressing. (1 of 3 updated, 3 available, 3 old) (not retried)',
    })
    expect(clock.slept).toEqual([5_000])
  })
})

describe('rollouts waited on together', () => {
  it('waits on each workload concurrently, each on its own schedule', async () => {
    kubectl.script('prod/deployment/api', { object: C46.done })
    const db = {
      generation: 2,
      observedGeneration: 2,
      desired: 2,
      replicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      currentRevision: 'db-1',
      updateRevision: 'db-2',
    }
    kubectl.script(
      'data/statefulset/db',
      kubectlSays.notFound('statefulsets.apps', 'db'),
      { object: statefulSet({ ...db, updatedReplicas: 1 }) },
      { object: statefulSet({ ...db, updatedReplicas: 2 }) },
    )
    const reports = await waitFor('prod/deployment/api', 'sts/db -n data')
    expect(
      reports.map((r) => [r.name, r.healthy, r.attempts, r.timeToHealthyMs]),
    ).toEqual([
      ['rollout/prod/deployment/api', true, 1, 0],
      ['rollout/data/statefulset/db', true, 3, 15_000],
    ])
    expect(logger.at('info')).toContain(
      'rollout/data/statefulset/db: attempt 1 of 5: not found, next in 5 s',
    )
  })

  it('reports a kubectl that hangs as timed out, and asks again', async () => {
    // Longer than FakeClock.run's real-time grace for an attempt (1 s).
    kubectl.script(
      'prod/deployment/api',
      { hangMs: 2_500, object: C46.rolling },
      { object: C46.done },
    )
    const running: Promise<unknown>[] = []
    const run: KubectlRunner = (command, args, options) => {
      const call = kubectl.run(command, args, options)
      running.push(call)
      return call
    }
    const check = rolloutCheck(API, { run })
    const [report] = await clock.run(runChecks([check], { logger, clock }))
    expect(report).toMatchObject({ healthy: true, attempts: 2 })
    expect(logger.at('info')[0]).toBe(
      'rollout/prod/deployment/api: attempt 1 of 5: timeout after 10 s, next in 5 s',
    )
    // Nothing stops the hung kubectl yet (runCommand takes no signal), so
    // the test waits for it rather than leave it running.
    await Promise.allSettled(running)
  })

  it('stops a workload the identity may not read after one attempt', async () => {
    kubectl.script(
      'prod/deployment/api',
      kubectlSays.forbidden('deployments.apps', 'api', 'prod'),
    )
    const [report] = await waitFor('prod/deployment/api')
    expect(report).toMatchObject({
      healthy: false,
      attempts: 1,
      stoppedBy: 'fail-fast',
    })
    expect(report?.failure).toMatch(
      /^unhealthy: Error from server \(Forbidden\): deployments.apps "api" is forbidden: .* \(not retried\)$/,
    )
    expect(clock.slept).toEqual([])
  })
})
