import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '../../../lib/runner/index.js'
import { readSettings } from '../src/settings.js'

const TOKEN = 'argocd-token-for-the-settings-tests'
const NEW = '2'.repeat(40)
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

const BASE = {
  'argocd-server': 'https://argocd.example.org',
  'argocd-token': TOKEN,
}

describe('readSettings', () => {
  it('fills in the defaults for a project', () => {
    inputs({ ...BASE, project: 'cortex' })
    expect(readSettings()).toEqual({
      server: 'https://argocd.example.org',
      token: TOKEN,
      tls: {},
      selection: { kind: 'project', project: 'cortex' },
      prune: false,
      settleMs: 0,
      degradedGraceMs: 30_000,
      wait: {
        policy: {
          baseMs: 5_000,
          factor: 2,
          capMs: 180_000,
          attempts: 5,
          jitter: 0,
        },
        attemptTimeoutMs: 10_000,
      },
      dryRun: false,
      backupFile: join(tmpdir(), 'cortex-deploy-backup.json'),
    })
  })

  it.each<[string, string | undefined, string]>([
    [
      'in RUNNER_TEMP by default',
      undefined,
      '/runner/temp/cortex-deploy-backup.json',
    ],
    [
      'relative to the workspace',
      'backups/before.json',
      '/work/space/backups/before.json',
    ],
    ['where an absolute path says', '/srv/backup.json', '/srv/backup.json'],
  ])('puts the backup file %s', (_name, given, file) => {
    inputs({ ...BASE, project: 'cortex', 'backup-file': given ?? '' })
    expect(readSettings('/work/space', '/runner/temp').backupFile).toBe(file)
  })

  it('reads named applications, once each, and every option', () => {
    inputs({
      ...BASE,
      applications: 'cortex-monitoring\ncortex-dashboard\n\ncortex-monitoring',
      revision: NEW.slice(0, 12),
      prune: 'true',
      settle: '1m',
      'degraded-grace': '10s',
      attempts: '8',
      'backoff-base': '2s',
      timeout: '10m',
      'dry-run': 'yes',
    })
    expect(readSettings()).toMatchObject({
      selection: {
        kind: 'applications',
        names: ['cortex-monitoring', 'cortex-dashboard'],
      },
      revision: NEW.slice(0, 12),
      prune: true,
      settleMs: 60_000,
      degradedGraceMs: 10_000,
      wait: { policy: { attempts: 8, baseMs: 2_000 }, deadlineMs: 600_000 },
      dryRun: true,
    })
  })

  it('reads a CA file relative to the workspace, and the insecure switch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-settings-'))
    try {
      const pem =
        '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
      writeFileSync(join(dir, 'ca.pem'), pem)
      inputs({
        ...BASE,
        project: 'cortex',
        'ca-file': 'ca.pem',
        'insecure-skip-verify': 'true',
      })
      expect(readSettings(dir).tls).toEqual({ ca: pem, insecure: true })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'no server',
      { 'argocd-server': '' },
      `input 'argocd-server': got ""; expected the Argo CD server's URL, e.g. https://argocd.example.org`,
    ],
    [
      'a server that is not http(s)',
      { 'argocd-server': 'grpc://argocd.example.org' },
      `input 'argocd-server': got "grpc://argocd.example.org"; expected an http(s) URL such as https://argocd.example.org (grpc: is not http: or https:)`,
    ],
    [
      'no token',
      { 'argocd-token': '' },
      `input 'argocd-token': got ""; expected an Argo CD API token allowed to get and sync the applications, from a secret`,
    ],
    [
      'neither applications nor a project',
      { project: '' },
      `input 'applications': got ""; expected application names, one a line, or a project (an AppProject) whose applications to deploy`,
    ],
    [
      'both applications and a project',
      { applications: 'cortex-dashboard' },
      `input 'project': got "cortex"; expected no project when applications are named: one or the other`,
    ],
    [
      'a selector with named applications',
      { project: '', applications: 'a', selector: 'x=y' },
      `input 'selector': got "x=y"; expected no selector when applications are named (it filters a project)`,
    ],
    [
      'an application name Argo CD cannot have',
      { project: '', applications: 'cortex-dashboard\nCortex_API' },
      `input 'applications': got "Cortex_API"; expected Argo CD application names, one a line: lowercase letters, digits, - and .`,
    ],
    [
      'a branch as the revision',
      { revision: 'main' },
      `input 'revision': got "main"; expected a commit SHA, 7 to 40 hex characters (a branch or tag would leave nothing to compare the synced revision with)`,
    ],
    [
      'a settle that is no duration',
      { settle: 'soon' },
      `input 'settle': got "soon"; expected a duration`,
    ],
    [
      'a CA file that is not there',
      { 'ca-file': '/nonexistent/ca.pem' },
      `input 'ca-file': got "/nonexistent/ca.pem"; expected a readable PEM file (`,
    ],
    [
      'a boolean it cannot read',
      { prune: 'maybe' },
      `input 'prune': got "maybe"; expected \`true\` or \`false\``,
    ],
  ])('refuses %s', (_name, overrides, message) => {
    inputs({ ...BASE, project: 'cortex', ...overrides })
    expect(() => readSettings()).toThrow(ConfigError)
    expect(() => readSettings()).toThrow(message)
  })

  it('never repeats a password written into the server URL', () => {
    inputs({
      ...BASE,
      project: 'cortex',
      'argocd-server': 'https://admin:hunter2@argocd.example.org',
    })
    expect(() => readSettings()).toThrow(
      `input 'argocd-server': got "https://…@argocd.example.org"`,
    )
  })
})
