import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { RunnerContext } from '../src/settings.js'
import { readSettings } from '../src/settings.js'
import { parse } from 'yaml'
import { ConfigError } from '../../../lib/runner/index.js'

let workspace: string
const saved = { ...process.env }
beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-settings-'))
  fs.writeFileSync(path.join(workspace, 'Dockerfile'), 'FROM alpine:3.20\n')
})
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }))
afterEach(() => {
  process.env = { ...saved }
  jest.restoreAllMocks()
})

function withInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
}

function settingsFor(
  inputs: Record<string, string>,
  ctx: RunnerContext = {},
): ReturnType<typeof readSettings> {
  withInputs({ image: 'ghcr.io/org/app', ...inputs })
  return readSettings({ workspace, actor: 'octocat', ...ctx })
}

describe('readSettings', () => {
  it('reads one image with every default', () => {
    const settings = settingsFor({})
    expect(settings).toEqual({
      workingDirectory: workspace,
      images: [
        {
          name: 'ghcr.io/org/app',
          context: '.',
          dockerfile: 'Dockerfile',
          platforms: ['linux/amd64'],
          buildArgs: {},
        },
      ],
      push: true,
      cache: true,
      provenance: true,
      sbom: false,
      sign: false,
      dryRun: false,
      shortShaLength: 7,
      rawVersionTag: false,
      prShaSource: 'head',
      labels: {},
      pushRetries: 3,
      trigger: { event: 'push' },
    })
  })

  it('reads the source, labels, licences and credentials', () => {
    const stdout = jest
      .spyOn(process.stdout, 'write')
      .mockImplementation(() => true)
    const settings = settingsFor(
      {
        labels:
          'com.example.team=platform\norg.opencontainers.image.vendor=Org',
        description: 'The app',
        licenses: 'MIT',
        'registry-password': 'hunter2-registry',
        'build-args': 'A=1, 2',
        platforms: 'linux/amd64, linux/arm64',
      },
      { serverUrl: 'https://github.example', repository: 'org/app' },
    )
    expect(settings).toMatchObject({
      sourceUrl: 'https://github.example/org/app',
      labels: {
        'com.example.team': 'platform',
        'org.opencontainers.image.vendor': 'Org',
      },
      description: 'The app',
      licenses: 'MIT',
      login: {
        registry: 'ghcr.io',
        username: 'octocat',
        password: 'hunter2-registry',
      },
      images: [
        { buildArgs: { A: '1, 2' }, platforms: ['linux/amd64', 'linux/arm64'] },
      ],
    })
    expect(stdout).toHaveBeenCalledWith(
      expect.stringContaining('::add-mask::hunter2-registry'),
    )
  })

  it('builds in the working directory, relative to the workspace', () => {
    fs.mkdirSync(path.join(workspace, 'svc'), { recursive: true })
    fs.writeFileSync(path.join(workspace, 'svc', 'Dockerfile'), 'FROM x\n')
    expect(settingsFor({ 'working-directory': 'svc' }).workingDirectory).toBe(
      path.join(workspace, 'svc'),
    )
  })

  it('lets a dry run sign without an OIDC token, since it signs nothing', () => {
    expect(settingsFor({ sign: 'true', 'dry-run': 'true' }).sign).toBe(true)
  })

  it.each<[string, Record<string, string>, RunnerContext, string]>([
    [
      'both image and images',
      { images: '- name: a' },
      {},
      'input \'images\': got "- name: a"; expected either `image` (one image) or `images` (a list), not both',
    ],
    ['neither image nor images', { image: '' }, {}, 'input \'image\': got ""'],
    [
      'a bad platform',
      { platforms: 'amd64' },
      {},
      'input \'platforms\': got "amd64"',
    ],
    [
      'push retries out of range',
      { 'push-retries': '11' },
      {},
      'a whole number from 0 to 10',
    ],
    [
      'a short SHA too short',
      { 'short-sha-length': '3' },
      {},
      'a whole number from 4 to 40',
    ],
    [
      'an unknown PR SHA source',
      { 'pr-sha-source': 'base' },
      {},
      'one of head, merge',
    ],
    ['a push that is not a boolean', { push: 'maybe' }, {}, "input 'push'"],
    ['a label without a value', { labels: 'team' }, {}, 'labels as key=value'],
    [
      'a bad build argument',
      { 'build-args': 'A B=1' },
      {},
      "input 'build-args'",
    ],
    [
      'signing without pushing',
      { sign: 'true', push: 'false' },
      {},
      'input \'sign\': got "true"; expected push: true',
    ],
    [
      'signing without the id-token permission',
      { sign: 'true' },
      {},
      '`permissions: id-token: write`',
    ],
    [
      'a registry password without a user',
      { 'registry-password': 'pw' },
      { actor: undefined },
      "input 'registry-username'",
    ],
    [
      'a working directory that is not there',
      { 'working-directory': 'nope' },
      {},
      'input \'working-directory\': got "nope"',
    ],
    [
      'an event it does not tag for',
      {},
      { eventName: 'issue_comment' },
      'GITHUB_EVENT_NAME: got "issue_comment"; expected one of the events build-images tags for: push, pull_request, release, workflow_dispatch, schedule, merge_group',
    ],
    [
      'pull_request_target, saying why',
      {},
      { eventName: 'pull_request_target' },
      'GITHUB_EVENT_NAME: got "pull_request_target"; expected pull_request for pull requests: build-images refuses pull_request_target, which runs with the base repository\'s secrets',
    ],
    [
      'a workspace that is not there',
      {},
      { workspace: '/nonexistent/cortex-workspace' },
      'GITHUB_WORKSPACE: got "/nonexistent/cortex-workspace"; expected a folder that exists',
    ],
    [
      'a workspace without a Dockerfile, blaming context rather than the unset dockerfile',
      { 'working-directory': '..' },
      {},
      `input 'context': got "."; expected a build context holding a Dockerfile, or \`dockerfile\` naming one, relative to the working directory ${os.tmpdir()} (working-directory .., in GITHUB_WORKSPACE); there is no ${path.join(os.tmpdir(), 'Dockerfile')}`,
    ],
  ])('refuses %s', (_, inputs, ctx, message) => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const read = () => settingsFor(inputs, ctx)
    expect(read).toThrow(ConfigError)
    expect(read).toThrow(message)
  })

  it('leaves the registry password out of an error quoting another input', () => {
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    expect(() =>
      settingsFor({
        'registry-password': 'pw-1234',
        platforms: 'x/pw-1234/y/z',
      }),
    ).toThrow(`input 'platforms': got "x/***/y/z"`)
  })

  it('reads the defaults action.yml declares as the defaults it applies', () => {
    const action = parse(
      fs.readFileSync(new URL('../action.yml', import.meta.url), 'utf8'),
    ) as { inputs: Record<string, { default?: string }> }
    const declared = Object.fromEntries(
      Object.entries(action.inputs).flatMap(([name, spec]) =>
        spec.default === undefined ? [] : [[name, spec.default]],
      ),
    )
    expect(Object.keys(declared).length).toBeGreaterThan(10)
    const implicit = settingsFor({})
    process.env = { ...saved }
    expect(settingsFor(declared)).toEqual(implicit)
  })
})
