// The `with:` of every step that runs one of our stages, against that
// stage's action.yml: no unknown input, every required one given. A
// renamed input would otherwise break callers only at run time.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/** One mismatch between a step and its action.yml. */
export interface InputProblem {
  file: string
  job: string
  step: number
  message: string
}

type Dict = Record<string, unknown>
const isDict = (v: unknown): v is Dict =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// `example-org/cortex-actions/actions/<stage>@<ref>` or `./actions/<stage>`.
const STAGE =
  /^(?:example-org\/cortex-actions\/|\.\/)actions\/([a-z-]+)(?:@.+)?$/

/** The problems of one workflow file (path relative to `root`). */
export function stageInputProblems(root: string, file: string): InputProblem[] {
  const doc: unknown = parse(readFileSync(join(root, file), 'utf8'))
  const problems: InputProblem[] = []
  const jobs = isDict(doc) && isDict(doc['jobs']) ? doc['jobs'] : {}
  for (const [job, body] of Object.entries(jobs)) {
    const steps =
      isDict(body) && Array.isArray(body['steps']) ? body['steps'] : []
    steps.forEach((step: unknown, index) => {
      if (!isDict(step) || typeof step['uses'] !== 'string') return
      const stage = STAGE.exec(step['uses'])?.[1]
      if (stage === undefined) return
      const report = (message: string): void => {
        problems.push({ file, job, step: index + 1, message })
      }
      let action: unknown
      try {
        action = parse(
          readFileSync(join(root, 'actions', stage, 'action.yml'), 'utf8'),
        )
      } catch {
        report(`no stage ${stage}`)
        return
      }
      const inputs =
        isDict(action) && isDict(action['inputs']) ? action['inputs'] : {}
      const given = isDict(step['with']) ? Object.keys(step['with']) : []
      for (const name of given) {
        if (!(name in inputs)) report(`${stage} has no input ${name}`)
      }
      for (const [name, spec] of Object.entries(inputs)) {
        const required = isDict(spec) && spec['required'] === true
        if (required && !given.includes(name)) {
          report(`${stage} needs input ${name}`)
        }
      }
    })
  }
  return problems
}
