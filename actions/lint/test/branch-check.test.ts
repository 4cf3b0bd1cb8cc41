import { describe, expect, it } from '@jest/globals'
import { lintBranch } from '../src/branch-check.js'
import { DEFAULT_BRANCH_EXEMPT } from '../src/rule-inputs.js'

// C50 in /work/shared/cases/CASES.md (section G).
const SOURCE = '^(feat|fix|chore|docs)/[a-z0-9._-]+$'
const PATTERN = { source: SOURCE, regex: new RegExp(SOURCE) }
const C50 = {
  pattern: PATTERN,
  exempt: ['dependabot/**', 'renovate/**', 'release-please--**'],
}

describe('lintBranch', () => {
  it.each<[string, boolean]>([
    ['feat/login-page', true],
    ['Feature/Login', false],
    ['dependabot/npm_and_yarn/@babel/runtime-7.3.1', true],
    ['a1b2dependabot/github_actions/foo-2', false],
    ['fix/JIRA-12_retry', false],
    ['renovate/lock-file-maintenance', true],
    ['release-please--branches--main', true],
  ])('C50 checks %s: passes %s', (ref, passes) => {
    expect(lintBranch(ref, C50)).toHaveLength(passes ? 0 : 1)
  })

  it('C50 prints the pattern and the offending branch', () => {
    expect(lintBranch('Feature/Login', C50)).toEqual([
      {
        check: 'branch',
        message:
          'branch `Feature/Login` does not match the pattern ^(feat|fix|chore|docs)/[a-z0-9._-]+$',
        hint: 'rename the branch to match the pattern, or exempt it with branch-exempt',
      },
    ])
  })

  it('exempts the bots by default', () => {
    const rules = { pattern: PATTERN, exempt: DEFAULT_BRANCH_EXEMPT }
    expect(lintBranch('dependabot/github_actions/x-2', rules)).toEqual([])
  })

  it('takes a branch back from an exemption with !glob', () => {
    const rules = {
      pattern: PATTERN,
      exempt: ['renovate/**', '!renovate/major-*'],
    }
    expect(lintBranch('renovate/major-react', rules)).toHaveLength(1)
    expect(lintBranch('renovate/react', rules)).toEqual([])
  })

  it('checks nothing without a pattern', () => {
    expect(lintBranch('Anything Goes', { exempt: [] })).toEqual([])
  })

  it('gives the same answer twice for a global pattern', () => {
    const rules = {
      pattern: { source: '^feat/', regex: /^feat\//g },
      exempt: [],
    }
    expect(lintBranch('feat/a', rules)).toEqual([])
    expect(lintBranch('feat/a', rules)).toEqual([])
  })
})
