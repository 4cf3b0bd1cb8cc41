// The inputs, read as the runner passes them (INPUT_* variables).
import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '../../../lib/runner/index.js'
import {
  DEFAULT_FILES,
  DEFAULT_RESOURCES,
  readSettings,
} from '../src/settings.js'

const workspace = mkdtempSync(join(tmpdir(), 'validate-config-settings-'))
mkdirSync(join(workspace, 'gitops'))
const set: string[] = []

function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const key = `INPUT_${name.toUpperCase()}`
    process.env[key] = value
    set.push(key)
  }
}

afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key]
})

describe('readSettings', () => {
  it('reads the defaults', () => {
    const settings = readSettings({
      workspace,
      repository: 'o/r',
      runnerTemp: '/tmp/runner',
    })
    expect(settings).toMatchObject({
      root: workspace,
      workspace,
      files: DEFAULT_FILES,
      pods: { resources: DEFAULT_RESOURCES, startupProbe: false },
      pins: { trusted: ['actions/*'], repository: 'o/r' },
      sarifFile: '/tmp/runner/validate-config.sarif',
      warnOnly: false,
    })
  })

  it('reads every input given', () => {
    inputs({
      files: 'apps/**/*.yaml\n# a comment\n!apps/legacy/**',
      rules: 'k8s-probes: warn',
      resources: 'requests.cpu, limits.nvidia.com/gpu',
      'startup-probe': 'true',
      'trusted-actions': 'actions/*, example-org/*',
      repository: 'example-org/gitops',
      'working-directory': 'gitops',
      'sarif-file': 'out/config.sarif',
      'warn-only': 'yes',
    })
    const settings = readSettings({ workspace })
    expect(settings).toMatchObject({
      root: join(workspace, 'gitops'),
      files: ['apps/**/*.yaml', '!apps/legacy/**'],
      pods: {
        resources: ['requests.cpu', 'limits.nvidia.com/gpu'],
        startupProbe: true,
      },
      pins: {
        trusted: ['actions/*', 'example-org/*'],
        repository: 'example-org/gitops',
      },
      sarifFile: join(workspace, 'out/config.sarif'),
      warnOnly: true,
    })
    expect(settings.levels['k8s-probes']).toBe('warn')
  })

  it.each([
    [
      'files',
      '[z-a].yaml',
      /input 'files': got "\[z-a\].yaml"; expected globs, one a line/,
    ],
    [
      'files',
      '!**/*.yaml',
      /expected at least one glob that is not an exclusion/,
    ],
    [
      'resources',
      'cpu',
      /input 'resources': got "cpu"; expected fields like requests.cpu or limits.memory/,
    ],
    [
      'repository',
      'not a repo',
      /input 'repository': got "not a repo"; expected owner\/name/,
    ],
    [
      'trusted-actions',
      'checkout',
      /input 'trusted-actions': got "checkout"; expected owner\/repo globs/,
    ],
    ['startup-probe', 'maybe', /input 'startup-probe': got "maybe"/],
    [
      'working-directory',
      'nowhere',
      /input 'working-directory': got "nowhere"; expected a folder that exists/,
    ],
  ])('refuses %s %j', (name, value, message) => {
    inputs({ [name]: value })
    expect(() => readSettings({ workspace })).toThrow(ConfigError)
    expect(() => readSettings({ workspace })).toThrow(message)
  })
})

afterAll(() => rmSync(workspace, { recursive: true, force: true }))
