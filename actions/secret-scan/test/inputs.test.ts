import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { scanRepo } from './stage.js'

// Inputs and files the stage refuses, each with a ConfigError that names
// the input, quotes the value and says what would do.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const DISPATCH = { name: 'workflow_dispatch' }

function plainRepo(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('feat: config', { 'config/app.env': 'LOG_LEVEL=debug\n' })
  return repo
}

describe('bad inputs', () => {
  it.each([
    [
      'threads',
      'many',
      /input 'threads': got "many"; expected `auto` or a number from 1 to 16/,
    ],
    [
      'max-file-size',
      'huge',
      /input 'max-file-size': got "huge"; expected a size from 1k to 1G/,
    ],
    [
      'history-depth',
      '-1',
      /input 'history-depth': got "-1"; expected a whole number/,
    ],
    [
      'warn-only',
      'maybe',
      /input 'warn-only': got "maybe"; expected `true` or `false`/,
    ],
    [
      'ignore-file',
      'missing.txt',
      /input 'ignore-file': got "missing.txt"; expected a file in the repository/,
    ],
    [
      'baseline',
      '../outside.json',
      /input 'baseline': got "..\/outside.json"; expected a relative path inside the repository/,
    ],
  ])('refuses %s %j', async (input, value, message) => {
    const repo = plainRepo()
    const step = await scanRepo(repo, { [input]: value }, DISPATCH)
    expect(step.failed).toBe(true)
    expect(step.log).toMatch(message)
  })

  it('refuses an ignore file that names an unknown rule', async () => {
    const repo = plainRepo()
    repo.commit('chore: ignore', {
      '.secret-scan-ignore': 'rule:no-such-rule\n',
    })
    const step = await scanRepo(repo, {}, DISPATCH)
    expect(step.log).toMatch(
      /input 'ignore-file': got "rule:no-such-rule"; expected rule:<id> with one of the rules: github-token,/,
    )
  })

  it('refuses a baseline that is not one', async () => {
    const repo = plainRepo()
    repo.commit('chore: baseline', {
      '.secret-scan-baseline.json': '{"findings": [{"fingerprint": "ghp_"}]}',
    })
    const step = await scanRepo(repo, {}, DISPATCH)
    expect(step.log).toMatch(
      /input 'baseline': got .*; expected a JSON baseline as write-baseline writes it/,
    )
  })
})
