import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import { readSettings, webhookHost, webhookSecrets } from '../src/settings.js'

const HOOK = 'https://hooks.slack.com/services/T1/B2/secretPart'
const saved = { ...process.env }
// secretInput prints ::add-mask::, kept out of the test output.
beforeEach(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
})
afterEach(() => {
  process.env = { ...saved }
  jest.restoreAllMocks()
})

function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
}

const CTX = {
  serverUrl: 'https://github.com',
  repository: 'example-org/cortex',
  ref: 'main',
  runId: '42',
}

describe('readSettings', () => {
  it('fills in the defaults and links the run', () => {
    inputs({ 'webhook-url': HOOK, status: 'success' })
    const settings = readSettings(CTX)
    expect(settings).toEqual({
      webhookUrl: HOOK,
      host: 'hooks.slack.com',
      kind: 'slack',
      facts: {
        status: 'success',
        repository: 'example-org/cortex',
        ref: 'main',
        runUrl: 'https://github.com/example-org/cortex/actions/runs/42',
      },
      failOnError: false,
      attemptTimeoutMs: 10_000,
      attempts: 4,
      dryRun: false,
    })
  })

  it('reads every input when given', () => {
    inputs({
      'webhook-url': HOOK,
      kind: 'json',
      status: 'cancelled',
      version: '1.4.1',
      text: 'staging',
      'fail-on-error': 'true',
      timeout: '3',
      retries: '0',
      'dry-run': 'yes',
    })
    const settings = readSettings({})
    expect(settings).toMatchObject({
      kind: 'json',
      facts: { status: 'cancelled', version: '1.4.1', text: 'staging' },
      failOnError: true,
      attemptTimeoutMs: 3_000,
      attempts: 1,
      dryRun: true,
    })
    expect(settings.facts.runUrl).toBeUndefined()
  })

  it.each<[string, Record<string, string>, string]>([
    ['a missing URL', { status: 'success' }, "input 'webhook-url'"],
    [
      'a missing status',
      { 'webhook-url': HOOK },
      'input \'status\': got ""; expected a value',
    ],
    [
      'a status of the wrong word',
      { 'webhook-url': HOOK, status: 'passed' },
      'input \'status\': got "passed"; expected one of success, failure, cancelled',
    ],
    [
      'an unknown kind',
      { 'webhook-url': HOOK, status: 'success', kind: 'teams' },
      "input 'kind'",
    ],
    [
      'a timeout of 0',
      { 'webhook-url': HOOK, status: 'success', timeout: '0' },
      "input 'timeout'",
    ],
    [
      'too many retries',
      { 'webhook-url': HOOK, status: 'success', retries: '11' },
      "input 'retries'",
    ],
  ])('refuses %s', (_name, values, message) => {
    inputs(values)
    expect(() => readSettings(CTX)).toThrow(message)
  })
})

describe('webhookHost', () => {
  it.each([
    ['https://hooks.slack.com/services/T/B/x', 'hooks.slack.com'],
    ['http://127.0.0.1:8080/hook', '127.0.0.1:8080'],
  ])('gives the host of %s', (url, host) => {
    expect(webhookHost(url)).toBe(host)
  })

  it.each([
    ['ftp://files.example.com/s3cret', '"ftp://files.example.com/…"'],
    ['file:///etc/s3cret', '"file:///…"'],
    ['hooks.slack.com/s3cret', '"(hidden: not a URL)"'],
  ])('refuses %s naming scheme and host only', (url, shown) => {
    const error = catchError(() => webhookHost(url))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(
      `input 'webhook-url': got ${shown}; expected an http:// or https:// URL`,
    )
    expect(error.message).not.toContain('s3cret')
  })
})

function catchError(fn: () => unknown): Error {
  try {
    fn()
  } catch (error: unknown) {
    if (error instanceof Error) return error
  }
  throw new Error('expected an error')
}

describe('webhook URL secrets', () => {
  it('refuses user:password@ in the URL without showing it', () => {
    expect(() => webhookHost('http://u:PWSECRET@127.0.0.1:1/x')).toThrow(
      /got "http:\/\/…@127\.0\.0\.1:1\/…"; expected an http:\/\/ or https:\/\/ URL without user:password@/,
    )
  })

  it('names every part that may be the credential, to mask each one', () => {
    expect(webhookSecrets(HOOK)).toEqual(['secretPart'])
    expect(
      webhookSecrets(
        'https://hooks.slack.com/services/T0123ABCD/B0123ABCD/x1Y2',
      ),
    ).toEqual(['T0123ABCD', 'B0123ABCD'])
    expect(webhookSecrets('https://h.example/hook/x?key=QKEY77&v=1')).toEqual([
      'QKEY77',
    ])
  })
})
