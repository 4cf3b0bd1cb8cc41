import { describe, expect, it } from '@jest/globals'
import type { TitleSettings } from '../src/title-check.js'
import { lintTitle } from '../src/title-check.js'

// C47 in /work/shared/cases/CASES.md (section G): allowed types
// feat/fix/chore/docs, scopes optional.
const C47: TitleSettings = {
  types: ['feat', 'fix', 'chore', 'docs'],
  requireScope: false,
  wip: 'fail',
}

describe('lintTitle', () => {
  it.each<[string, string, string | undefined]>([
    ['fix(): something', 'empty scope', 'name a scope or drop the parentheses'],
    ['fix(ui/): keep release running', 'empty scope segment', 'use `(ui)`'],
    ['fix(ui//tests): x', 'empty scope segment', 'use `(ui/tests)`'],
    [
      'feat!(api): x',
      '`!` must come right before the colon',
      'use `feat(api)!:`',
    ],
    ['feat: ', 'empty subject', undefined],
    [
      'WIP feat: x',
      'the title starts with `WIP`',
      'remove `WIP` or mark the pull request as a draft',
    ],
  ])('C47 fails %j: %s', (title, message, hint) => {
    const outcome = lintTitle(title, C47)
    expect(outcome.findings).toEqual([
      { check: 'title', message, ...(hint !== undefined && { hint }) },
    ])
    expect(outcome.pending).toBeUndefined()
  })

  it.each<[string, string, string[], boolean]>([
    ['fix(config)!: drop legacy key', 'fix', ['config'], true],
    ['feat(core, ui): add theme', 'feat', ['core', 'ui'], false],
    ['Feat: Add export', 'feat', [], false],
  ])('C47 passes %j as type %s', (title, type, scopes, breaking) => {
    expect(lintTitle(title, C47)).toEqual({
      findings: [],
      type,
      scopes,
      breaking,
    })
  })

  it('C47 reports a WIP title as pending, not failed, when wip is pending', () => {
    const outcome = lintTitle('WIP feat: x', { ...C47, wip: 'pending' })
    expect(outcome.findings).toEqual([])
    expect(outcome.pending).toBe(
      'work in progress: the title is checked once `WIP` is removed',
    )
  })

  it.each<[string, Partial<TitleSettings>, string[]]>([
    [
      'feat(db): x',
      { scopes: ['api', /^ui(\/.*)?$/] },
      ['scope `db` is not allowed'],
    ],
    ['feat(ui/tests): x', { scopes: ['api', /^ui(\/.*)?$/] }, []],
    ['feat: x', { requireScope: true }, ['missing scope']],
    ['style: x', {}, ['type `style` is not allowed']],
  ])('checks %j against the rules %p', (title, rules, messages) => {
    const outcome = lintTitle(title, { ...C47, ...rules })
    expect(outcome.findings.map((f) => f.message)).toEqual(messages)
  })

  it('accepts any type when no types are given', () => {
    const outcome = lintTitle('perf(db): faster', {
      requireScope: false,
      wip: 'fail',
    })
    expect(outcome.findings).toEqual([])
  })
})
