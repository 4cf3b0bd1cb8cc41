import { describe, expect, it } from '@jest/globals'
import type { StageRun } from '../../../test/support/run-in-process.js'
import {
  TOKEN,
  file,
  pullEvent,
  runStep,
  seedPull,
  standInsPerTest,
} from './stand-in.js'

// Inputs and events the stage refuses before it reads or writes anything,
// each error naming the input, quoting the value and saying what it wants;
// and the token, which no line of any run may show.

const setup = standInsPerTest()

/** The step's `::error::` line. */
function errorLine(step: StageRun): string {
  return step.log.split('\n').find((l) => l.startsWith('::error::')) ?? ''
}

describe('inputs', () => {
  it.each([
    [
      'size-thresholds',
      '10, 5, 500, 1000',
      `input 'size-thresholds': got "10, 5, 500, 1000"; expected four rising whole numbers`,
    ],
    [
      'components',
      'docs: [',
      `input 'components': got "docs: ["; expected a YAML map`,
    ],
    [
      'components',
      "docs: ['docs/[z-a]']",
      `input 'components': got "docs/[z-a]"; expected a valid glob for docs`,
    ],
    [
      'components',
      'docs: {paths: [a]}',
      `input 'components': got "docs.paths"; expected one of the keys files, branches, color, description`,
    ],
    [
      'components',
      "docs: {files: ['docs/**'], color: red}",
      `input 'components': got "docs.color: red"; expected six hex digits`,
    ],
    [
      'id',
      'my summary',
      `input 'id': got "my summary"; expected letters, digits`,
    ],
    [
      'checks',
      'passed',
      `input 'checks': got "passed"; expected a JSON object`,
    ],
    [
      'checks',
      '{"lint": 3}',
      `input 'checks': got "lint: 3"; expected a JSON object`,
    ],
    ['findings', '{}', `input 'findings': got "{}"; expected a JSON array`],
    [
      'dry-run',
      'maybe',
      `input 'dry-run': got "maybe"; expected \`true\` or \`false\``,
    ],
    [
      'api-retries',
      '11',
      `input 'api-retries': got "11"; expected a whole number from 0 to 10`,
    ],
    ['from-file', 'missing.json', `input 'from-file': got "`],
  ])('refuses %s %j', async (input, value, message) => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('a.ts')])
    const step = await runStep(api, { [input]: value }, pullEvent(pull))
    expect(step.failed).toBe(true)
    expect(errorLine(step)).toContain(
      `::error::Configuration error: ${message}`,
    )
    expect(api.requests).toEqual([])
  })

  it('reads a steps context and lint findings into the comment', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('a.ts')])
    const steps = JSON.stringify({
      lint: { outcome: 'failure', conclusion: 'success', outputs: {} },
    })
    const findings = JSON.stringify([
      { rule: 'title', message: 'use `feat(api)!:`', path: 'a.ts', line: 3 },
    ])
    const step = await runStep(
      api,
      { checks: steps, findings },
      pullEvent(pull),
    )
    expect(step.failed).toBe(false)
    expect(step.summary).toContain('| lint | ✅ success |')
    expect(step.summary).toContain('- **title**: use `feat(api)!:` (a.ts:3)')
  })
})

describe('events', () => {
  it.each([
    ['push', {}],
    ['workflow_run', { workflow_run: { head_sha: 'a'.repeat(40) } }],
  ])(
    'refuses %s without a saved summary, saying which events it takes',
    async (name, event) => {
      const { api } = await setup()
      const step = await runStep(api, {}, event, { GITHUB_EVENT_NAME: name })
      expect(errorLine(step)).toBe(
        `::error::Configuration error: GITHUB_EVENT_NAME: got "${name}"; expected pull_request or pull_request_target; a workflow_run job posts a summary saved by a pull_request run with the \`from-file\` input`,
      )
    },
  )

  it('refuses a pull_request payload without a pull request', async () => {
    const { api } = await setup()
    const step = await runStep(api, {}, { action: 'opened' })
    expect(errorLine(step)).toContain(
      `the event payload's pull_request: got "{\\"number\\":null,\\"sha\\":null}"; expected a pull request with a number and head.sha`,
    )
  })
})

describe('the token', () => {
  it('is masked and shown nowhere, in a run that works or one that fails', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('a.ts')])
    const ok = await runStep(api, {}, pullEvent(pull))
    api.faults.inject({ path: '/files' }, { status: 500 })
    const failed = await runStep(api, {}, pullEvent(pull))
    expect(ok.failed).toBe(false)
    expect(failed.failed).toBe(true)
    for (const step of [ok, failed]) {
      expect(step.log).toContain(`::add-mask::${TOKEN}`)
      const shown = [step.outputText, step.summary, step.log]
        .join('\n')
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
      expect(shown.join('\n')).not.toContain(TOKEN)
    }
  })

  it('is required', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('a.ts')])
    const step = await runStep(api, { token: '' }, pullEvent(pull))
    expect(errorLine(step)).toContain(
      `::error::Configuration error: input 'token': got ""`,
    )
  })
})
