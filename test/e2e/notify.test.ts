import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type {
  Reply,
  WebhookServer,
} from '../../actions/notify/test/webhook-server.js'
import {
  SECRET_PATH,
  startWebhook,
} from '../../actions/notify/test/webhook-server.js'
import type { BundleRun } from '../support/run-bundle.js'
import {
  expectSuccess,
  requireBundle,
  runBundle,
} from '../support/run-bundle.js'

// `node dist/notify/index.js` as the runner starts it, against a webhook
// stand-in on 127.0.0.1: a message accepted, and a webhook that keeps
// failing, which is a warning and not a failed step.

const VARS = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'example-org/cortex',
  GITHUB_REF_NAME: 'main',
  GITHUB_RUN_ID: '777',
}
const servers: WebhookServer[] = []
const dirs: string[] = []
beforeAll(() => requireBundle('notify'))
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true })
})

async function step(
  replies: Reply[],
  inputs: Record<string, string>,
): Promise<{ run: BundleRun; server: WebhookServer }> {
  const server = await startWebhook(replies)
  servers.push(server)
  const cwd = mkdtempSync(join(tmpdir(), 'cortex-notify-'))
  dirs.push(cwd)
  const run = await runBundle('notify', {
    inputs: { 'webhook-url': server.url, ...inputs },
    vars: VARS,
    cwd,
  })
  return { run, server }
}

function shown(run: BundleRun): string {
  return [run.stdout, run.stderr, run.outputText, run.summary]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

describe('the notify bundle', () => {
  it('posts the outcome to Slack and sets its outputs', async () => {
    const { run, server } = await step([{}], {
      status: 'success',
      version: '2.0.0',
    })
    expectSuccess('notify', run)
    expect(run.outputs).toEqual({
      sent: 'true',
      'status-code': '200',
      attempts: '1',
    })
    expect(server.received).toHaveLength(1)
    expect(server.received[0]?.body).toContain(
      '"text":"success: example-org/cortex main 2.0.0"',
    )
    expect(run.summary).toContain(`to ${server.host} (1 attempt)`)
    expect(shown(run)).not.toContain(SECRET_PATH)
  })

  it('warns and exits 0 when the webhook keeps failing', async () => {
    const { run, server } = await step([{ status: 503 }], {
      status: 'failure',
      retries: '1',
    })
    expect(run.exitCode).toBe(0)
    expect(server.received).toHaveLength(2)
    expect(run.outputs).toEqual({
      sent: 'false',
      'status-code': '503',
      attempts: '2',
    })
    expect(run.stdout).toMatch(
      /^::warning title=Notification not sent::not sent to 127\.0\.0\.1:\d+ after 2 attempts \(last: HTTP 503 ok\)/m,
    )
    expect(shown(run)).not.toContain(SECRET_PATH)
  })
})
