// The files and variables the Actions runner gives a step, in a temp folder:
// INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and an event file.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/** A step's runner files and the environment naming them. */
export interface RunnerFiles {
  dir: string
  outputFile: string
  summaryFile: string
  eventFile: string
  /** GITHUB_* variables for the step, plus INPUT_* for the inputs. */
  env: Record<string, string>
}

/** Makes runner files for one step with these inputs and variables. */
export function runnerFiles(
  inputs: Record<string, string>,
  vars: Record<string, string> = {},
  event: object = {},
): RunnerFiles {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-runner-'))
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  const eventFile = path.join(dir, 'event.json')
  fs.writeFileSync(outputFile, '')
  fs.writeFileSync(summaryFile, '')
  fs.writeFileSync(eventFile, JSON.stringify(event))
  const env: Record<string, string> = {
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    ...vars,
  }
  for (const [name, value] of Object.entries(inputs)) {
    // The runner upper-cases the name and keeps hyphens.
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  return { dir, outputFile, summaryFile, eventFile, env }
}

/** Reads a GITHUB_OUTPUT file (`name<<delimiter` blocks) into a record. */
export function readOutputs(file: string): Record<string, string> {
  const text = fs.readFileSync(file, 'utf8')
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (match === null) continue
    const [, name = '', delimiter = ''] = match
    const value: string[] = []
    for (i += 1; i < lines.length && lines[i] !== delimiter; i += 1) {
      value.push(lines[i] ?? '')
    }
    outputs[name] = value.join('\n')
  }
  return outputs
}
