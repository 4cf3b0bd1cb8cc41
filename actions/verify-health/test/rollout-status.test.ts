import { describe, expect, it } from '@jest/globals'
import { rolloutStatus, type RolloutStatus } from '../src/rollout-status.js'
import { daemonSet, statefulSet } from './rollout-objects.js'

// When the rollout of a StatefulSet or a DaemonSet is done, and what is
// said of any other object (Deployments: rollout-status-deployment.test.ts).

describe('rolloutStatus of a StatefulSet', () => {
  const settled = {
    generation: 4,
    observedGeneration: 4,
    desired: 3,
    replicas: 3,
    updatedReplicas: 3,
    readyReplicas: 3,
    availableReplicas: 3,
    currentRevision: 'db-6c9b7d',
    updateRevision: 'db-6c9b7d',
  }
  it.each<[string, unknown, RolloutStatus]>([
    [
      'is done when revisions meet and every replica is ready and available',
      statefulSet(settled),
      { state: 'done', status: '3 of 3 updated, 3 ready, 3 available' },
    ],
    [
      'is not done while the update revision is not yet everywhere',
      statefulSet({
        ...settled,
        updatedReplicas: 1,
        currentRevision: 'db-6c9b7d',
        updateRevision: 'db-5f8e2a',
      }),
      { state: 'progressing', status: '1 of 3 updated, 3 ready, 3 available' },
    ],
    [
      'is done when every replica is updated though currentRevision lags',
      statefulSet({
        ...settled,
        currentRevision: 'db-6c9b7d',
        updateRevision: 'db-5f8e2a',
      }),
      { state: 'done', status: '3 of 3 updated, 3 ready, 3 available' },
    ],
    [
      'is not done while a replica is not ready',
      statefulSet({ ...settled, readyReplicas: 2, availableReplicas: 2 }),
      { state: 'progressing', status: '3 of 3 updated, 2 ready, 2 available' },
    ],
    [
      'is not done while a ready replica is not yet available',
      statefulSet({ ...settled, availableReplicas: 2 }),
      { state: 'progressing', status: '3 of 3 updated, 3 ready, 2 available' },
    ],
    [
      'reads ready as available on clusters that report no availableReplicas',
      statefulSet({ ...settled, availableReplicas: undefined }),
      { state: 'done', status: '3 of 3 updated, 3 ready, 3 available' },
    ],
    [
      'is not done while its generation is not observed',
      statefulSet({ ...settled, generation: 5 }),
      {
        state: 'progressing',
        status:
          '3 of 3 updated, 3 ready, 3 available (generation 5 observed 4)',
      },
    ],
    [
      'is done once the pods above a partition are updated',
      statefulSet({
        ...settled,
        partition: 2,
        updatedReplicas: 1,
        updateRevision: 'db-5f8e2a',
      }),
      {
        state: 'done',
        status: '1 of 3 updated, 3 ready, 3 available, partition 2',
      },
    ],
    [
      'says an OnDelete StatefulSet cannot be waited on',
      statefulSet({ ...settled, strategy: 'OnDelete' }),
      {
        state: 'failed',
        status:
          'the OnDelete update strategy replaces pods only when they are deleted, so its rollout cannot be waited on',
      },
    ],
  ])('%s', (_, object, expected) => {
    expect(rolloutStatus(object)).toEqual(expected)
  })
})

describe('rolloutStatus of a DaemonSet', () => {
  const settled = {
    generation: 9,
    observedGeneration: 9,
    desiredNumberScheduled: 4,
    updatedNumberScheduled: 4,
    numberAvailable: 4,
  }
  it.each<[string, unknown, RolloutStatus]>([
    [
      'is done when every node runs an updated, available pod',
      daemonSet(settled),
      { state: 'done', status: '4 of 4 updated, 4 available' },
    ],
    [
      'is not done while a node still runs the old pod',
      daemonSet({ ...settled, updatedNumberScheduled: 3 }),
      { state: 'progressing', status: '3 of 4 updated, 4 available' },
    ],
    [
      'is not done while an updated pod is not available',
      daemonSet({ ...settled, numberAvailable: 3 }),
      { state: 'progressing', status: '4 of 4 updated, 3 available' },
    ],
    [
      'is not done while its generation is not observed',
      daemonSet({ ...settled, observedGeneration: 8 }),
      {
        state: 'progressing',
        status: '4 of 4 updated, 4 available (generation 9 observed 8)',
      },
    ],
    [
      'says an OnDelete DaemonSet cannot be waited on',
      daemonSet({ ...settled, strategy: 'OnDelete' }),
      {
        state: 'failed',
        status:
          'the OnDelete update strategy replaces pods only when they are deleted, so its rollout cannot be waited on',
      },
    ],
  ])('%s', (_, object, expected) => {
    expect(rolloutStatus(object)).toEqual(expected)
  })
})

describe('rolloutStatus of anything else', () => {
  it.each<[unknown, string]>([
    [{ kind: 'Job' }, 'a Job has no rollout to wait on'],
    [{ items: [] }, 'an object without a kind has no rollout to wait on'],
    [null, 'an object without a kind has no rollout to wait on'],
  ])('fails for %j', (object, status) => {
    expect(rolloutStatus(object)).toEqual({ state: 'failed', status })
  })
})
