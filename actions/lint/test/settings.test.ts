import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import { readSettings } from '../src/settings.js'
import { DEFAULT_TYPES, splitPatterns } from '../src/rule-inputs.js'

const saved = { ...process.env }
// secretInput prints ::add-mask::, kept out of the test output.
beforeEach(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) delete process.env[key]
  }
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

function refusal(values: Record<string, string>): ConfigError {
  inputs(values)
  try {
    readSettings({})
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('readSettings', () => {
  it('fills in every default', () => {
    const settings = readSettings({})
    expect(settings.token).toBeUndefined()
    expect(settings.apiUrl).toBe('https://api.github.com')
    expect([...settings.rules.checks]).toEqual([
      'title',
      'description',
      'branch',
      'added-lines',
    ])
    expect(settings.rules.title).toEqual({
      types: DEFAULT_TYPES,
      requireScope: false,
      wip: 'fail',
    })
    expect(settings.rules.description).toEqual({
      minLines: 1,
      allowIssueRefOnly: false,
      breakingLabels: ['breaking'],
    })
    expect(settings.rules.branch.pattern).toBeUndefined()
    expect(settings.failOn).toBe('error')
    expect(settings.local).toEqual({ baseRef: 'origin/main' })
  })

  it('reads every input when given', () => {
    inputs({
      token: 'ghs_settingsToken',
      checks: 'title, branch',
      types: 'feat, fix\nv\\d{1,3}',
      scopes: 'api, ui(/.*)?',
      'require-scope': 'true',
      wip: 'pending',
      'min-description-lines': '3',
      'allow-issue-ref-only': 'yes',
      'breaking-labels': 'breaking, semver-major',
      'branch-pattern': '/^feat\\//i',
      'branch-exempt': 'bots/**',
      'forbidden-patterns': 'TODO\n/fixme/i',
      'code-extensions': '.py, *.Rb',
      exclude: 'vendor/**\n!vendor/ours/**',
      'fail-on': 'never',
      title: 'feat: local',
      description: 'Line one\n\nLine two',
      'head-ref': 'feat/local',
      'base-ref': 'upstream/main',
    })
    const settings = readSettings({ apiUrl: 'https://ghe.example/api/v3' })
    const { rules } = settings
    expect(settings.token).toBe('ghs_settingsToken')
    expect(settings.apiUrl).toBe('https://ghe.example/api/v3')
    expect([...rules.checks]).toEqual(['title', 'branch'])
    expect(rules.title.types).toEqual(['feat', 'fix', /^(?:v\d{1,3})$/i])
    expect(rules.title.scopes).toEqual(['api', /^(?:ui(\/.*)?)$/])
    expect(rules.title).toMatchObject({ requireScope: true, wip: 'pending' })
    expect(rules.description).toEqual({
      minLines: 3,
      allowIssueRefOnly: true,
      breakingLabels: ['breaking', 'semver-major'],
    })
    expect(rules.branch).toEqual({
      pattern: { source: '/^feat\\//i', regex: /^feat\//i },
      exempt: ['bots/**'],
    })
    expect(rules.addedLines.forbidden.map((f) => f.regex)).toEqual([
      /TODO/,
      /fixme/i,
    ])
    expect(rules.addedLines.extensions).toEqual(['py', 'rb'])
    expect(rules.addedLines.exclude).toEqual(['vendor/**', '!vendor/ours/**'])
    expect(settings.failOn).toBe('never')
    expect(settings.local).toEqual({
      title: 'feat: local',
      description: 'Line one\n\nLine two',
      headRef: 'feat/local',
      baseRef: 'upstream/main',
    })
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'an unknown check',
      { checks: 'title, spelling' },
      'input \'checks\': got "spelling"; expected any of title, description, branch, added-lines',
    ],
    [
      'branch named without a pattern',
      { checks: 'branch' },
      'input \'branch-pattern\': got ""; expected a regular expression for head branches, since checks names branch',
    ],
    [
      'a broken type pattern',
      { types: 'feat, fix(' },
      'input \'types\': got "fix("; expected a JavaScript regular expression (Invalid regular expression: /^(?:fix()$/i: Unterminated group)',
    ],
    [
      'a broken scope pattern',
      { scopes: 'ui[' },
      'input \'scopes\': got "ui["',
    ],
    [
      'a broken branch pattern',
      { 'branch-pattern': '^(feat' },
      'input \'branch-pattern\': got "^(feat"; expected a JavaScript regular expression',
    ],
    [
      'a broken forbidden pattern',
      { 'forbidden-patterns': 'console\\.log(' },
      'input \'forbidden-patterns\': got "console\\\\.log("; expected a JavaScript regular expression',
    ],
    [
      'a broken exclusion glob',
      { exclude: 'src/[z-a].ts' },
      'input \'exclude\': got "src/[z-a].ts"; expected globs, one a line, `!glob` to exclude',
    ],
    [
      'a lone ! in the exemptions',
      { 'branch-exempt': '!' },
      'input \'branch-exempt\': got "!"; expected globs, one a line, `!glob` to exclude (nothing after `!`)',
    ],
    [
      'an unknown wip policy',
      { wip: 'ignore' },
      'input \'wip\': got "ignore"; expected one of fail, pending',
    ],
    [
      'an unknown fail-on',
      { 'fail-on': 'warning' },
      'input \'fail-on\': got "warning"; expected one of error, never',
    ],
    [
      'a negative minimum',
      { 'min-description-lines': '-1' },
      'input \'min-description-lines\': got "-1"; expected a whole number from 0 to 1000',
    ],
    [
      'a boolean that is not one',
      { 'require-scope': 'maybe' },
      'input \'require-scope\': got "maybe"; expected `true` or `false`',
    ],
  ])(
    'refuses %s, naming the input, the value and what it expects',
    (_n, values, message) => {
      const error = refusal(values)
      expect(error.message).toContain(message)
    },
  )
})

describe('splitPatterns', () => {
  it.each<[string, string[]]>([
    ['feat, fix', ['feat', 'fix']],
    ['feat\nfix\n\n# a comment', ['feat', 'fix']],
    ['v\\d{1,3}, (a|b),[x,y]', ['v\\d{1,3}', '(a|b)', '[x,y]']],
    ['a\\,b, c', ['a\\,b', 'c']],
  ])('splits %j', (value, items) => {
    expect(splitPatterns(value)).toEqual(items)
  })
})
