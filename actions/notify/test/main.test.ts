import { afterEach, describe, expect, it } from '@jest/globals'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import type { Reply, WebhookServer } from './webhook-server.js'
import { SECRET_PATH, startWebhook } from './webhook-server.js'

// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, against a webhook stand-in on 127.0.0.1.

const VARS = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'example-org/cortex',
  GITHUB_REF_NAME: 'main',
  GITHUB_RUN_ID: '4242',
}
const servers: WebhookServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function notify(
  replies: Reply[],
  inputs: Record<string, string>,
): Promise<{ step: StageRun; server: WebhookServer }> {
  const server = await startWebhook(replies)
  servers.push(server)
  const step = await runInProcess(
    run,
    { 'webhook-url': server.url, status: 'success', ...inputs },
    VARS,
  )
  return { step, server }
}

/** Every place a secret could leak, but the line that masks it. */
function shown(step: StageRun): string {
  return [step.outputText, step.summary, step.log]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

describe('the notify stage', () => {
  it('posts the Slack message and says so in one summary line', async () => {
    const { step, server } = await notify([{}], { version: '1.4.1' })
    expectOk(step)
    expect(step.outputs).toEqual({
      sent: 'true',
      'status-code': '200',
      attempts: '1',
    })
    expect(step.summary).toBe(
      `notify: sent a Slack message (success) to ${server.host} (1 attempt).\n`,
    )
    const body = JSON.parse(server.received[0]?.body ?? '') as {
      text: string
    }
    expect(body.text).toBe('success: example-org/cortex main 1.4.1')
    expect(server.received[0]?.body).toContain(
      '<https://github.com/example-org/cortex/actions/runs/4242|the run>',
    )
  })

  it('posts the JSON body for kind json', async () => {
    const { step, server } = await notify([{}], {
      kind: 'json',
      status: 'failure',
    })
    expectOk(step)
    expect(JSON.parse(server.received[0]?.body ?? '')).toEqual({
      status: 'failure',
      repository: 'example-org/cortex',
      ref: 'main',
      version: null,
      runUrl: 'https://github.com/example-org/cortex/actions/runs/4242',
      text: null,
    })
  })

  it('prints the payload in a dry run and sends nothing', async () => {
    const { step, server } = await notify([{}], { 'dry-run': 'true' })
    expectOk(step)
    expect(server.received).toEqual([])
    expect(step.outputs).toEqual({
      sent: 'false',
      'status-code': '',
      attempts: '0',
    })
    expect(step.log).toContain(`dry run: would post to ${server.host}:`)
    expect(step.log).toContain('"text": "success: example-org/cortex main"')
    expect(step.summary).toContain('nothing sent')
  })

  it('warns, and does not fail, when the webhook refuses', async () => {
    const { step } = await notify([{ status: 404, body: 'no_team' }], {})
    expect(step.failed).toBe(false)
    expect(step.outputs).toEqual({
      sent: 'false',
      'status-code': '404',
      attempts: '1',
    })
    expect(step.log).toMatch(
      /^::warning title=Notification not sent::not sent to 127\.0\.0\.1:\d+: HTTP 404 no_team \(not retried\)$/m,
    )
  })

  it('fails the step when asked to', async () => {
    const { step } = await notify([{ status: 404 }], {
      'fail-on-error': 'true',
    })
    expect(step.failed).toBe(true)
    expect(step.outputs['sent']).toBe('false')
    expect(step.log).toMatch(
      /^::error::not sent to 127\.0\.0\.1:\d+: HTTP 404/m,
    )
  })

  it('never shows the URL but to mask it', async () => {
    const { step, server } = await notify(
      [{ status: 400, body: SECRET_PATH }],
      {},
    )
    expect(step.log).toContain(`::add-mask::${server.url}`)
    expect(shown(step)).not.toContain(SECRET_PATH)
  })

  it('refuses a URL that is not http(s), naming its host only', async () => {
    const step = await runInProcess(
      run,
      {
        'webhook-url': `ftp://files.example.com${SECRET_PATH}`,
        status: 'success',
      },
      VARS,
    )
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '::error::Configuration error: input \'webhook-url\': got "ftp://files.example.com/…"',
    )
    expect(shown(step)).not.toContain(SECRET_PATH)
  })
})
