import { describe, expect, it } from '@jest/globals'
import type { AnalyzeOptions } from '../src/analyze.js'
import { analyzeCommits, headerOf } from '../src/analyze.js'
import type { CommitRecord } from '../src/history.js'
import { releaseCommitMatcher } from '../src/release-commit.js'
import { parseTypeRules } from '../src/type-rules.js'

let counter = 0
/** A commit record with a made-up SHA; newest first, as git log gives them. */
function commit(message: string, parents = 1): CommitRecord {
  counter += 1
  const sha = counter.toString(16).padStart(40, 'a')
  return { sha, parents: Array.from({ length: parents }, () => 'p'), message }
}

const options: AnalyzeOptions = {
  rules: parseTypeRules([]),
  squashBody: 'ignore',
  releaseCommitVersion: releaseCommitMatcher('chore(release): ${version}'),
}

describe('analyzeCommits', () => {
  // Cases from shared/cases/CASES.md, section A.
  it.each([
    [
      'C01 prose about a breaking change',
      [
        'feat: test breaking change\n\nchange description that discusses a\nbreaking change but does not actually include one',
      ],
      'minor',
    ],
    [
      'C03 plural footer',
      ['feat: new api\n\nBREAKING CHANGES: old endpoint removed'],
      'minor',
    ],
    [
      'C04 token on the header line',
      ['perf(core): speed up cache BREAKING CHANGE: drops node 14'],
      'patch',
    ],
    [
      'C08a bang with a scope',
      ['feat(ingress)!: support multiple ingress routes (#885)'],
      'major',
    ],
    [
      'C08b bang before the scope',
      ['refactor!(core): drop legacy config'],
      undefined,
    ],
    [
      'C09 hyphenated footer',
      [
        'fix(auth): rotate keys\n\nBREAKING-CHANGE: tokens issued before today are rejected',
      ],
      'major',
    ],
    [
      'C10 types in any case',
      ['Feat: add export', 'FIX: null pointer', 'FeAt(ui): theme'],
      'minor',
    ],
    [
      'C10 lower-case footer is prose',
      ['fix: x\n\nbreaking change: no'],
      'patch',
    ],
    ['a chore alone', ['chore: deps', 'docs: readme'], undefined],
  ])('%s', (_name, messages, bump) => {
    expect(
      analyzeCommits(
        messages.map((m) => commit(m)),
        options,
      ).bump,
    ).toBe(bump)
  })

  it('warns about a likely mistake by name (C03, C08b)', () => {
    const result = analyzeCommits(
      [
        commit('feat: new api\n\nBREAKING CHANGES: old'),
        commit('refactor!(core): drop legacy config'),
      ],
      options,
    )
    expect(result.warnings.join('\n')).toMatch(
      /BREAKING CHANGES:.*did you mean `BREAKING CHANGE:`/,
    )
    expect(result.warnings.join('\n')).toMatch(/refactor!\(core\)/)
    expect(result.skipped.map((s) => s.reason).join('\n')).toMatch(
      /refactor\(core\)!:/,
    )
  })

  it('groups types whatever their case under one type (C10)', () => {
    const result = analyzeCommits(
      [commit('Feat: a'), commit('FEAT(ui): b'), commit('FIX: c')],
      options,
    )
    expect(result.entries.map((e) => e.type)).toEqual(['feat', 'feat', 'fix'])
  })

  it('skips merge commits and reads what they bring in (C06)', () => {
    const result = analyzeCommits(
      [
        commit('Merge pull request #30 from org/feat/timescale', 2),
        commit('feat: timescale cheat'),
        commit('Merge pull request #28 from org/feat/prefs', 2),
        commit('feat: prefs cheat'),
      ],
      options,
    )
    expect(result.bump).toBe('minor')
    expect(result.entries).toHaveLength(2)
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^merge commit/),
      expect.stringMatching(/^merge commit/),
    ])
  })

  it('lists every commit that does not count, with its reason', () => {
    const result = analyzeCommits(
      [
        commit('chore(release): 1.2.0'),
        commit('✨ feat: add export'),
        commit('docs: x'),
        commit('feat: y'),
      ],
      options,
    )
    expect(result.skipped.map((s) => [s.header, s.reason])).toEqual([
      ['chore(release): 1.2.0', 'release commit'],
      [
        '✨ feat: add export',
        expect.stringMatching(/^not a Conventional Commit/),
      ],
      ['docs: x', 'type `docs` does not release'],
    ])
  })

  it('counts leading-emoji commits when asked to strip them (C11)', () => {
    const messages = [
      '✨ feat: add export',
      ':bug: fix(config): store id as number',
      'feat: ✨ add import',
    ]
    const strict = analyzeCommits(
      messages.map((m) => commit(m)),
      options,
    )
    expect(strict.entries.map((e) => e.description)).toEqual(['✨ add import'])
    const stripped = analyzeCommits(
      messages.map((m) => commit(m)),
      { ...options, stripLeadingEmoji: true },
    )
    expect(stripped.bump).toBe('minor')
    expect(stripped.entries).toHaveLength(3)
    expect(stripped.entries[0]?.description).toBe('add export')
  })

  it('reads squash bodies only when asked (C07)', () => {
    const message =
      'feat(search): add filters (#42)\n\n* fix(search): escape quotes\n* feat(search): add date filter\n* docs: update readme'
    const ignored = analyzeCommits([commit(message)], options)
    expect(ignored.entries.map((e) => e.description)).toEqual([
      'add filters (#42)',
    ])
    const expanded = analyzeCommits([commit(message)], {
      ...options,
      squashBody: 'expand',
    })
    expect(expanded.bump).toBe('minor')
    expect(expanded.entries.map((e) => e.description)).toEqual([
      'add filters (#42)',
      'escape quotes',
      'add date filter',
    ])
  })

  it('cancels a revert of an unreleased commit together with it', () => {
    const feat = commit('feat: risky')
    const revert = commit(
      `Revert "feat: risky"\n\nThis reverts commit ${feat.sha}.`,
    )
    const result = analyzeCommits([revert, feat, commit('chore: x')], options)
    expect(result.bump).toBeUndefined()
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^reverts /),
      expect.stringMatching(/^reverted by /),
      'type `chore` does not release',
    ])
  })

  it('cancels by header when the revert names no SHA', () => {
    const result = analyzeCommits(
      [commit('revert: feat: risky'), commit('feat: risky')],
      options,
    )
    expect(result.bump).toBeUndefined()
  })

  it('brings the original back when a revert is itself reverted', () => {
    const feat = commit('feat: risky')
    const first = commit(
      `Revert "feat: risky"\n\nThis reverts commit ${feat.sha}.`,
    )
    const second = commit(
      `Revert "Revert "feat: risky""\n\nThis reverts commit ${first.sha}.`,
    )
    const result = analyzeCommits([second, first, feat], options)
    expect(result.bump).toBe('minor')
    expect(result.entries.map((e) => e.description)).toEqual(['risky'])
  })

  it('releases a revert of an already released commit as a patch', () => {
    const result = analyzeCommits(
      [
        commit(
          'Revert "feat: old"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.',
        ),
      ],
      options,
    )
    expect(result.bump).toBe('patch')
    expect(result.entries[0]?.type).toBe('revert')
  })

  it('keeps the newest Release-As footer', () => {
    const result = analyzeCommits(
      [
        commit('chore: go\n\nRelease-As: 2.0.0'),
        commit('chore: x\n\nRelease-As: 1.5.0'),
      ],
      options,
    )
    expect(result.releaseAs).toBe('2.0.0')
    expect(result.bump).toBeUndefined()
  })

  it('lists a type with a heading and no bump without releasing it', () => {
    const rules = parseTypeRules([
      'feat=minor:Features',
      'docs=none:Documentation',
    ])
    const result = analyzeCommits([commit('docs: guide')], {
      ...options,
      rules,
    })
    expect(result.bump).toBeUndefined()
    expect(result.entries).toHaveLength(1)
  })
})

describe('parseTypeRules', () => {
  it('keeps feat, fix, perf and revert by default, in that order', () => {
    expect(parseTypeRules([]).sections.map((s) => s.type)).toEqual([
      'feat',
      'fix',
      'perf',
      'revert',
    ])
  })

  it('reads a custom rule set', () => {
    const rules = parseTypeRules([
      'Feat=minor:New',
      'build=patch',
      'docs=none:Docs',
    ])
    expect(rules.byType.get('feat')).toEqual({
      type: 'feat',
      bump: 'minor',
      heading: 'New',
    })
    expect(rules.byType.get('build')).toEqual({ type: 'build', bump: 'patch' })
    expect(rules.sections).toEqual([
      { type: 'feat', heading: 'New' },
      { type: 'docs', heading: 'Docs' },
    ])
  })

  it.each(['feat', 'feat=huge:X', '=minor'])(
    'refuses %j naming the input',
    (line) => {
      expect(() => parseTypeRules([line])).toThrow(/input 'types': got/)
    },
  )
})

describe('headerOf', () => {
  it('takes the first line without its CR', () => {
    expect(headerOf('feat: x\r\n\r\nbody')).toBe('feat: x')
  })
})
