import { describe, expect, it } from '@jest/globals'
import { parseCommitMessage, parseHeader, stripLeadingEmoji } from './index.js'
import type { ConventionalCommit, ParseOptions, ParseResult } from './index.js'

function commitOf(result: ParseResult): ConventionalCommit {
  if (!result.ok) throw new Error(`not conventional: ${result.reason}`)
  return result.commit
}

const SHA = '0123456789abcdef0123456789abcdef01234567'
const PLURAL_WARNING =
  'footer `BREAKING CHANGES:` is not a breaking-change token; did you mean `BREAKING CHANGE:`?'
const HEADER_WARNING =
  'header contains `BREAKING CHANGE` text, which does not mark a breaking change; use `!` before the colon or a `BREAKING CHANGE:` footer'

describe('parseCommitMessage on the cases from bug reports', () => {
  // Inputs and expected values from /work/shared/cases/CASES.md, section A.
  it.each<{
    name: string
    message: string
    options?: ParseOptions
    expected: Partial<ConventionalCommit>
    warnings?: string[]
  }>([
    {
      name: 'C01 does not read "breaking change" prose in the body as a footer',
      message:
        'feat: test breaking change\n\nchange description that discusses a\nbreaking change but does not actually include one',
      expected: { type: 'feat', breaking: false, breakingNotes: [] },
    },
    {
      name: 'C03 does not count a plural BREAKING CHANGES footer, and warns',
      message: 'feat: new api\n\nBREAKING CHANGES: old endpoint removed',
      expected: { type: 'feat', breaking: false, footers: [] },
      warnings: [PLURAL_WARNING],
    },
    {
      name: 'C04 does not count BREAKING CHANGE on the header line, and warns',
      message: 'perf(core): speed up cache BREAKING CHANGE: drops node 14',
      expected: { type: 'perf', scope: 'core', breaking: false },
      warnings: [HEADER_WARNING],
    },
    {
      name: 'C08a reads `!` after the scope as breaking, noting the description',
      message: 'feat(ingress)!: support multiple ingress routes (#885)',
      expected: {
        type: 'feat',
        scope: 'ingress',
        breaking: true,
        breakingNotes: ['support multiple ingress routes (#885)'],
      },
    },
    {
      name: 'C09 reads BREAKING-CHANGE with a hyphen as breaking',
      message:
        'fix(auth): rotate keys\n\nBREAKING-CHANGE: tokens issued before today are rejected',
      expected: {
        type: 'fix',
        breaking: true,
        breakingNotes: ['tokens issued before today are rejected'],
      },
    },
    {
      name: 'C10 lower-cases a capitalised type',
      message: 'Feat: add export',
      expected: { type: 'feat', description: 'add export' },
    },
    {
      name: 'C10 lower-cases an upper-case type',
      message: 'FIX: null pointer',
      expected: { type: 'fix', header: 'FIX: null pointer' },
    },
    {
      name: 'C10 lower-cases a mixed-case type with a scope',
      message: 'FeAt(ui): theme',
      expected: { type: 'feat', scope: 'ui' },
    },
    {
      name: 'C10 does not count a lower-case breaking change footer, and warns',
      message: 'feat: x\n\nbreaking change: y',
      expected: { breaking: false },
      warnings: [
        'footer `breaking change:` is not a breaking-change token; did you mean `BREAKING CHANGE:`?',
      ],
    },
    {
      name: 'C11 keeps an emoji after the colon in the description',
      message: 'feat: ✨ add import',
      expected: { type: 'feat', description: '✨ add import' },
    },
    {
      name: 'C11 drops a leading emoji when asked to',
      message: '✨ feat: add export',
      options: { stripLeadingEmoji: true },
      expected: {
        type: 'feat',
        description: 'add export',
        header: '✨ feat: add export',
      },
    },
    {
      name: 'C11 drops a leading shortcode when asked to',
      message: ':bug: fix(config): store id as number',
      options: { stripLeadingEmoji: true },
      expected: {
        type: 'fix',
        scope: 'config',
        description: 'store id as number',
      },
    },
    {
      name: 'C11 drops the emoji starting a description when asked to',
      message: 'feat: ✨ add import',
      options: { stripLeadingEmoji: true },
      expected: { type: 'feat', description: 'add import' },
    },
  ])('$name', ({ message, options, expected, warnings = [] }) => {
    const result = parseCommitMessage(message, options)
    expect(commitOf(result)).toMatchObject(expected)
    expect(result.warnings).toEqual(warnings)
  })

  it.each([
    ['C06', 'Merge pull request #28 from org/feat/prefs'],
    ['C06', 'Merge pull request #30 from org/feat/timescale'],
    ['git', "Merge branch 'main' into feat/x"],
    ['git', "Merge remote-tracking branch 'origin/main'"],
  ])('%s names a merge commit as such: %s', (_case, message) => {
    expect(parseCommitMessage(message)).toEqual({
      ok: false,
      reason: 'merge commit',
      warnings: [],
    })
  })

  it('C08b refuses `!` before the scope with a hint and a warning naming it', () => {
    expect(parseCommitMessage('refactor!(core): drop legacy config')).toEqual({
      ok: false,
      reason: '`!` must come right before the colon',
      hint: 'use `refactor(core)!:`',
      warnings: [
        'commit `refactor!(core): drop legacy config` is not conventional: `!` must come right before the colon; use `refactor(core)!:`',
      ],
    })
  })

  it.each(['✨ feat: add export', ':bug: fix(config): store id as number'])(
    'C11 refuses a leading emoji by default, with a hint: %s',
    (message) => {
      expect(parseCommitMessage(message)).toEqual({
        ok: false,
        reason: 'leading emoji before the type',
        hint: 'remove the leading emoji or enable strip-leading-emoji',
        warnings: [],
      })
    },
  )
})

describe('parseHeader', () => {
  it.each(
    (
      [
        ['', 'empty header'],
        ['update stuff', 'missing `type:` prefix'],
        [': nothing', 'no type before the colon'],
        ['(ui): nothing', 'no type before the colon'],
        ['!: x', '`!` must come right before the colon'],
        [' feat: x', 'whitespace before the type'],
        ['feat(ui: x', 'unclosed scope parenthesis'],
        ['feat(a(b)): x', 'parentheses inside the scope'],
        ['feat(): x', 'empty scope', 'name a scope or drop the parentheses'],
        ['feat( ): x', 'empty scope', 'name a scope or drop the parentheses'],
        ['feat:', 'empty description'],
        ['feat:   ', 'empty description'],
        ['feat:x', 'missing space after colon', 'use `feat: `'],
        ['feat(ui)!:\tx', 'missing space after colon', 'use `feat(ui)!: `'],
        [
          'feat!(x): y',
          '`!` must come right before the colon',
          'use `feat(x)!:`',
        ],
        [
          'feat!(x: y',
          '`!` must come right before the colon',
          'use `feat(scope)!:`',
        ],
        [
          'feat(x):! y',
          '`!` must come right before the colon',
          'use `feat(x)!:`',
        ],
        ['feat : x', 'space before the colon'],
        ['feat (ui): x', 'space between type and scope'],
        ['WIP feat: x', 'the type must be one word'],
        ['README.md: fix typo', 'unexpected `.` after the type'],
        ['feat(x:y)', 'missing `:` after the scope'],
        ['fe🎉at: x', 'unexpected `🎉` after the type'],
      ] satisfies [string, string, string?][]
    ).map(([line, reason, hint]) => ({ line, reason, hint })),
  )('refuses $line: $reason', ({ line, reason, hint }) => {
    const expected = hint === undefined ? { reason } : { reason, hint }
    expect(parseHeader(line)).toEqual({ ok: false, ...expected })
  })

  it.each<[string, string, string | undefined, boolean, string]>([
    ['feat: x', 'feat', undefined, false, 'x'],
    ['feat(api)!: x', 'feat', 'api', true, 'x'],
    ['feat!: x', 'feat', undefined, true, 'x'],
    ['build-deps(npm): bump', 'build-deps', 'npm', false, 'bump'],
    ['i18n: add fr', 'i18n', undefined, false, 'add fr'],
    ['fix( ui ): trimmed scope', 'fix', 'ui', false, 'trimmed scope'],
    ['fix(a b/c,d): any scope text', 'fix', 'a b/c,d', false, 'any scope text'],
    [
      'docs: end with a period.',
      'docs',
      undefined,
      false,
      'end with a period.',
    ],
    ['feat:  two spaces', 'feat', undefined, false, 'two spaces'],
    ['feat: colon: inside', 'feat', undefined, false, 'colon: inside'],
  ])('reads %j', (line, type, scope, bang, description) => {
    expect(parseHeader(line)).toEqual({
      ok: true,
      type,
      scope,
      bang,
      description,
    })
  })
})

describe('reverts', () => {
  it.each<[string, string, { header?: string; sha?: string }]>([
    [
      "git's form with its body line",
      `Revert "feat: x"\n\nThis reverts commit ${SHA}.`,
      { header: 'feat: x', sha: SHA },
    ],
    [
      "GitHub's squash-merged revert pull request",
      'Revert "feat(api): x" (#13)\n\nReverts org/repo#12',
      { header: 'feat(api): x' },
    ],
    [
      'a revert of a revert',
      `Revert "Revert "feat: x""\n\nThis reverts commit ${SHA}.`,
      { header: 'Revert "feat: x"', sha: SHA },
    ],
    [
      'the conventional form with a Refs footer',
      `revert: feat: x\n\nRefs: ${SHA}`,
      { header: 'feat: x', sha: SHA },
    ],
    [
      'the conventional form quoting the header',
      'revert: "fix: y"\n\nRefs: #12',
      { header: 'fix: y' },
    ],
    ['the conventional form alone', 'revert: fix: y', { header: 'fix: y' }],
  ])('reads %s', (_name, message, revert) => {
    const commit = commitOf(parseCommitMessage(message))
    expect(commit.type).toBe('revert')
    expect(commit.breaking).toBe(false)
    expect(commit.revert).toEqual(revert)
  })

  it('sets no revert target on other types', () => {
    expect(commitOf(parseCommitMessage('fix: y')).revert).toBeUndefined()
  })
})

describe('stripLeadingEmoji', () => {
  it.each([
    ['✨ add', 'add'],
    ['✨add', 'add'],
    ['❤️ love', 'love'],
    ['👩‍💻 dev', 'dev'],
    ['👍🏽 thumbs', 'thumbs'],
    ['🇫🇷 flag', 'flag'],
    [':sparkles: :tada: two', 'two'],
    ['✨', '✨'],
    ['no emoji', 'no emoji'],
    ['add ✨ later', 'add ✨ later'],
  ])('turns %j into %j', (text, expected) => {
    expect(stripLeadingEmoji(text)).toBe(expected)
  })

  it('parses a ZWJ-emoji header when stripping', () => {
    const result = parseCommitMessage('🧑‍🔬 fix: :bug: y', {
      stripLeadingEmoji: true,
    })
    expect(commitOf(result)).toMatchObject({ type: 'fix', description: 'y' })
  })
})
