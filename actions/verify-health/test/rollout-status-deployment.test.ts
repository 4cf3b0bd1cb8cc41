import { describe, expect, it } from '@jest/globals'
import { rolloutStatus, type RolloutStatus } from '../src/rollout-status.js'
import { deployment, progressDeadlineExceeded } from './rollout-objects.js'

// When a Deployment's rollout is done, by the rules of CASES C46: the
// generation observed, then updated, old and available pods counted.

describe('rolloutStatus of a Deployment', () => {
  it.each<[string, unknown, RolloutStatus]>([
    [
      'is not done while the controller has not seen the new spec (C46, first poll)',
      deployment({
        generation: 7,
        observedGeneration: 6,
        desired: 3,
        replicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
      }),
      {
        state: 'progressing',
        status: '3 of 3 updated, 3 available (generation 7 observed 6)',
      },
    ],
    [
      'is not done while old pods remain (C46, second poll)',
      deployment({
        generation: 7,
        observedGeneration: 7,
        desired: 3,
        replicas: 4,
        updatedReplicas: 1,
        availableReplicas: 3,
      }),
      { state: 'progressing', status: '1 of 3 updated, 3 available, 3 old' },
    ],
    [
      'is done when updated, total and available all equal the desired count',
      deployment({
        generation: 7,
        observedGeneration: 7,
        desired: 3,
        replicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
      }),
      { state: 'done', status: '3 of 3 updated, 3 available' },
    ],
    [
      'is done when the controller has seen a later generation than asked',
      deployment({
        generation: 7,
        observedGeneration: 8,
        desired: 2,
        replicas: 2,
        updatedReplicas: 2,
        availableReplicas: 2,
      }),
      { state: 'done', status: '2 of 2 updated, 2 available' },
    ],
    [
      'is not done while an updated pod is not yet available',
      deployment({
        generation: 3,
        observedGeneration: 3,
        desired: 3,
        replicas: 3,
        updatedReplicas: 3,
        availableReplicas: 2,
      }),
      { state: 'progressing', status: '3 of 3 updated, 2 available' },
    ],
    [
      'is not done while an old pod is terminating after the last update',
      deployment({
        generation: 3,
        observedGeneration: 3,
        desired: 3,
        replicas: 4,
        updatedReplicas: 3,
        availableReplicas: 3,
      }),
      { state: 'progressing', status: '3 of 3 updated, 3 available, 1 old' },
    ],
    [
      'is not done while scaling down past the desired count',
      deployment({
        generation: 4,
        observedGeneration: 4,
        desired: 2,
        replicas: 3,
        updatedReplicas: 3,
        availableReplicas: 3,
      }),
      { state: 'progressing', status: '3 of 2 updated, 3 available' },
    ],
    [
      'takes one desired replica when spec.replicas is absent',
      deployment({
        generation: 1,
        observedGeneration: 1,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
      }),
      { state: 'done', status: '1 of 1 updated, 1 available' },
    ],
    [
      'is done at zero replicas when none are desired',
      deployment({ generation: 2, observedGeneration: 2, desired: 0 }),
      { state: 'done', status: '0 of 0 updated, 0 available' },
    ],
    [
      'is not done before the controller has observed any generation',
      deployment({ generation: 1, desired: 2 }),
      {
        state: 'progressing',
        status: '0 of 2 updated, 0 available (generation 1 observed none)',
      },
    ],
    [
      'fails when the progress deadline is exceeded, with its message',
      deployment({
        generation: 5,
        observedGeneration: 5,
        desired: 3,
        replicas: 4,
        updatedReplicas: 1,
        availableReplicas: 3,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
          },
          progressDeadlineExceeded,
        ],
      }),
      {
        state: 'failed',
        status:
          'progress deadline exceeded: ReplicaSet "api-7d9f8c6b5" has timed out progressing. (1 of 3 updated, 3 available, 3 old)',
      },
    ],
    [
      'ignores a deadline condition left from the rollout before (stale generation)',
      deployment({
        generation: 6,
        observedGeneration: 5,
        desired: 1,
        replicas: 1,
        updatedReplicas: 1,
        availableReplicas: 1,
        conditions: [progressDeadlineExceeded],
      }),
      {
        state: 'progressing',
        status: '1 of 1 updated, 1 available (generation 6 observed 5)',
      },
    ],
    [
      'waits on a paused rollout, saying it is paused',
      deployment({
        generation: 2,
        observedGeneration: 2,
        desired: 2,
        replicas: 3,
        updatedReplicas: 1,
        availableReplicas: 3,
        paused: true,
      }),
      {
        state: 'progressing',
        status: 'paused (1 of 2 updated, 3 available, 2 old)',
      },
    ],
  ])('%s', (_, object, expected) => {
    expect(rolloutStatus(object)).toEqual(expected)
  })
})
