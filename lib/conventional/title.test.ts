import { describe, expect, it } from '@jest/globals'
import { checkTitle } from './index.js'
import type { TitleRules } from './index.js'

const ALLOWED: TitleRules = { types: ['feat', 'fix', 'chore', 'docs'] }

describe('checkTitle', () => {
  // C47 in /work/shared/cases/CASES.md (section G); allowed types
  // feat/fix/chore/docs, scopes optional.
  it.each(
    (
      [
        [
          'fix(): something',
          'empty scope',
          'name a scope or drop the parentheses',
        ],
        ['fix(ui/): keep release running', 'empty scope segment', 'use `(ui)`'],
        ['fix(ui//tests): x', 'empty scope segment', 'use `(ui/tests)`'],
        ['fix(core,,ui): x', 'empty scope segment', 'use `(core, ui)`'],
        ['fix(/): x', 'empty scope segment'],
        [
          'feat!(api): x',
          '`!` must come right before the colon',
          'use `feat(api)!:`',
        ],
        ['feat: ', 'empty subject'],
        ['feat:x', 'missing space after colon', 'use `feat: `'],
        [
          'WIP feat: x',
          'the title starts with `WIP`',
          'remove `WIP` or mark the pull request as a draft',
        ],
        [
          '[WIP] feat: x',
          'the title starts with `WIP`',
          'remove `WIP` or mark the pull request as a draft',
        ],
        ['', 'empty title'],
        ['feat: x\nmore', 'the title must be one line'],
        [
          'style: x',
          'type `style` is not allowed',
          'use one of: feat, fix, chore, docs',
        ],
      ] satisfies [string, string, string?][]
    ).map(([title, message, hint]) => ({ title, message, hint })),
  )('C47 refuses $title: $message', ({ title, message, hint }) => {
    const error = hint === undefined ? { message } : { message, hint }
    expect(checkTitle(title, ALLOWED)).toEqual({ ok: false, errors: [error] })
  })

  it.each<[string, string, string[], boolean]>([
    ['fix(config)!: drop legacy key', 'fix', ['config'], true],
    ['feat(core, ui): add theme', 'feat', ['core', 'ui'], false],
    ['Feat: Add export', 'feat', [], false],
    ['docs: end with a period.', 'docs', [], false],
    ['fix(ui/tests): nested scope', 'fix', ['ui/tests'], false],
    ['  feat: padded by the web form  ', 'feat', [], false],
  ])('C47 accepts %j', (title, type, scopes, breaking) => {
    const result = checkTitle(title, ALLOWED)
    expect(result).toMatchObject({
      ok: true,
      commit: { type, breaking },
      scopes,
    })
  })

  it('reports a WIP title as pending when the WIP option is on', () => {
    expect(checkTitle('WIP feat: x', { wip: true })).toEqual({
      ok: false,
      pending: true,
      errors: [{ message: 'work in progress' }],
    })
  })

  it('accepts any type and scope when no rules are given', () => {
    expect(checkTitle('perf(db): faster')).toMatchObject({ ok: true })
  })

  it.each<[string, TitleRules, string[]]>([
    ['feat(api): x', { scopes: ['api', /^ui(\/.*)?$/] }, []],
    ['feat(ui/tests): x', { scopes: ['api', /^ui(\/.*)?$/] }, []],
    ['feat(db): x', { scopes: ['api', /^ui/] }, ['scope `db` is not allowed']],
    ['feat(API): x', { scopes: ['api'] }, ['scope `API` is not allowed']],
    ['feat(api, db): x', { scopes: ['api'] }, ['scope `db` is not allowed']],
    ['feat: x', { requireScope: true }, ['missing scope']],
    ['feat(api): x', { requireScope: true }, []],
    ['Build: x', { types: ['build'] }, []],
    ['build: x', { types: [/^b/g] }, []],
    [
      'ci: x',
      { types: [/^b/g], requireScope: true },
      ['type `ci` is not allowed', 'missing scope'],
    ],
  ])('checks %j against %p', (title, rules, messages) => {
    const result = checkTitle(title, rules)
    const found = result.ok ? [] : result.errors.map((e) => e.message)
    expect(found).toEqual(messages)
  })

  it('hints at the allowed names, patterns included', () => {
    const result = checkTitle('feat(db): x', { scopes: ['api', /^ui/] })
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          message: 'scope `db` is not allowed',
          hint: 'use one of: api, /^ui/',
        },
      ],
    })
  })

  it('answers a merge title with the reason', () => {
    expect(checkTitle('Merge branch main into x')).toEqual({
      ok: false,
      errors: [{ message: 'merge commit' }],
    })
  })

  it('reads a GitHub revert title as a revert', () => {
    expect(checkTitle('Revert "feat: x"')).toMatchObject({
      ok: true,
      commit: { type: 'revert', revert: { header: 'feat: x' } },
    })
  })
})
