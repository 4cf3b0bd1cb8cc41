// The parts of a workflow or action.yml the security rules read: its
// triggers, its jobs, and every step with where it is written.
import type { Dict, Doc, Path } from './yaml-source.js'
import { dict, get, isDict, list } from './yaml-source.js'

/** One step, with its job (none in an action.yml) and its path. */
export interface StepRef {
  readonly path: Path
  readonly value: Dict
  readonly job?: string
  /** `step 2 of job build`, or the step's name or id. */
  readonly label: string
}

/** The events a workflow runs on. */
export function triggers(value: unknown): string[] {
  const on = get(value, 'on')
  if (typeof on === 'string') return [on]
  if (Array.isArray(on))
    return on.filter((e): e is string => typeof e === 'string')
  return isDict(on) ? Object.keys(on) : []
}

/** The jobs of a workflow, by id. */
export function jobsOf(value: unknown): [string, Dict][] {
  return Object.entries(dict(value, 'jobs') ?? {}).filter(
    (entry): entry is [string, Dict] => isDict(entry[1]),
  )
}

/** Every step of a workflow's jobs, or of a composite action. */
export function stepsOf(doc: Doc): StepRef[] {
  if (doc.file.kind === 'action') {
    return list(doc.value, 'runs', 'steps').flatMap((step, i) =>
      isDict(step) ? [stepRef(['runs', 'steps', i], step, undefined, i)] : [],
    )
  }
  return jobsOf(doc.value).flatMap(([id, job]) =>
    list(job, 'steps').flatMap((step, i) =>
      isDict(step) ? [stepRef(['jobs', id, 'steps', i], step, id, i)] : [],
    ),
  )
}

function stepRef(
  path: Path,
  value: Dict,
  job: string | undefined,
  i: number,
): StepRef {
  const named = value['name'] ?? value['id']
  const step = typeof named === 'string' ? `step "${named}"` : `step ${i + 1}`
  return {
    path,
    value,
    ...(job === undefined ? {} : { job }),
    label: job === undefined ? step : `${step} of job ${job}`,
  }
}
