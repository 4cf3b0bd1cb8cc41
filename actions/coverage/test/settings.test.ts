import { afterEach, describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import { readSettings } from '../src/settings.js'
import { removeWorkspaces, workspace } from './helpers.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  removeWorkspaces()
})

function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    process.env[`INPUT_${name.toUpperCase()}`] = value
  }
}

describe('readSettings', () => {
  it('fills in the defaults', () => {
    const root = workspace()
    expect(readSettings(root)).toEqual({
      root,
      reports: ['coverage/lcov.info'],
      pathMap: [],
      minimums: { lines: 80 },
      allowEmpty: false,
      failBelowMin: true,
      baseline: true,
      baselineKeyPrefix: 'cortex-coverage',
    })
  })

  it('reads every input when given', () => {
    const root = workspace()
    inputs({
      reports: 'a/lcov.info\n# a comment\nb/*.xml',
      'path-map': '/app/=\n/build/=packages/x/',
      'min-lines': '72.5',
      'min-branches': '60%',
      'min-functions': '0',
      'min-changed-lines': '90',
      'allow-empty': 'true',
      'fail-below-min': 'false',
      'diff-base': 'origin/main',
      baseline: 'off',
      'baseline-key-prefix': 'cov-api',
    })
    expect(readSettings(root)).toEqual({
      root,
      reports: ['a/lcov.info', 'b/*.xml'],
      pathMap: [
        { from: '/app/', to: '' },
        { from: '/build/', to: 'packages/x/' },
      ],
      minimums: { lines: 72.5, branches: 60, functions: 0, changedLines: 90 },
      allowEmpty: true,
      failBelowMin: false,
      diffBase: 'origin/main',
      baseline: false,
      baselineKeyPrefix: 'cov-api',
    })
  })

  it('turns the line gate off with min-lines 0', () => {
    inputs({ 'min-lines': '0' })
    expect(readSettings(workspace()).minimums).toEqual({})
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'a minimum above 100',
      { 'min-lines': '101' },
      'input \'min-lines\': got "101"; expected a percentage from 0 to 100, such as `80` or `72.5`',
    ],
    [
      'a negative minimum',
      { 'min-branches': '-5' },
      'input \'min-branches\': got "-5"',
    ],
    [
      'a minimum in words',
      { 'min-changed-lines': 'most' },
      "input 'min-changed-lines'",
    ],
    [
      'a path-map line without =',
      { 'path-map': '/app/' },
      'input \'path-map\': got "/app/"; expected one `from=to` prefix rewrite a line',
    ],
    [
      'an unknown baseline mode',
      { baseline: 'save' },
      'input \'baseline\': got "save"; expected one of auto, off',
    ],
    [
      'a key prefix with a comma',
      { 'baseline-key-prefix': 'a,b' },
      'input \'baseline-key-prefix\': got "a,b"; expected up to 100 letters',
    ],
    [
      'a boolean it cannot read',
      { 'allow-empty': 'perhaps' },
      "input 'allow-empty'",
    ],
    [
      'a working directory that does not exist',
      { 'working-directory': 'nowhere' },
      'input \'working-directory\': got "nowhere"; expected a folder that exists',
    ],
  ])(
    'refuses %s, naming the input, the value and what it expects',
    (_name, values, message) => {
      inputs(values)
      const root = workspace()
      expect(() => readSettings(root)).toThrow(ConfigError)
      expect(() => readSettings(root)).toThrow(message)
    },
  )
})
