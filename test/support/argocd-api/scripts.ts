// Ready-made scripts for the cases of CASES.md section F: a rollout that
// becomes healthy, one that degrades, one stuck at the old revision, a
// sync that fails. Each returns the frames an application plays.
import type { Frame } from './types.js'

// The frame where the sync has been applied to the cluster.
const applied: Frame = {
  sync: 'Synced',
  phase: 'Succeeded',
  operationMessage: 'successfully synced (all tasks run)',
  allResources: { sync: 'Synced' },
}

/**
 * The sync is applied (Synced at the revision asked for, operation
 * Succeeded), the workloads are Progressing for `progressing` observations,
 * then everything is Healthy.
 */
export function rollout(progressing = 1): Frame[] {
  const waiting: Frame = {
    health: 'Progressing',
    allResources: {
      health: 'Progressing',
      message:
        'Waiting for rollout to finish: 1 old replicas are pending termination...',
    },
  }
  const healthy: Frame = {
    health: 'Healthy',
    allResources: { health: 'Healthy', message: '' },
  }
  if (progressing <= 0) return [{ ...applied, ...healthy }]
  const first: Frame = { ...applied, ...waiting }
  return [first, ...Array<Frame>(progressing - 1).fill(waiting), healthy]
}

/**
 * The sync is applied, Progressing for `progressing` observations, then
 * Degraded for good, the named resources carrying their messages (C45).
 */
export function degraded(
  messages: Record<string, string>,
  progressing = 1,
): Frame[] {
  const resources = Object.fromEntries(
    Object.entries(messages).map(([name, message]) => [
      name,
      { health: 'Degraded' as const, message },
    ]),
  )
  const broken: Frame = { health: 'Degraded', resources }
  if (progressing <= 0) return [{ ...applied, ...broken }]
  return [...rollout(progressing).slice(0, progressing), broken]
}

/**
 * The operation runs and never applies: the application stays OutOfSync at
 * the revision it had, whatever revision was asked for.
 */
export function stuck(): Frame[] {
  return [{ phase: 'Running', sync: 'OutOfSync' }]
}

/**
 * Reports Synced and Healthy at `revision`, an old one, and stays there:
 * the case where a wait must compare revisions and not only statuses.
 */
export function syncedAt(revision: string): Frame[] {
  return [
    {
      sync: 'Synced',
      revision,
      health: 'Healthy',
      phase: 'Succeeded',
      allResources: { sync: 'Synced', health: 'Healthy', message: '' },
    },
  ]
}

/** The sync fails with `message`; the application stays OutOfSync. */
export function failedSync(
  message = 'one or more objects failed to apply, reason: admission webhook denied the request',
): Frame[] {
  return [{ phase: 'Failed', operationMessage: message, sync: 'OutOfSync' }]
}
