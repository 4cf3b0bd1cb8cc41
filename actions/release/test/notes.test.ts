import { describe, expect, it } from '@jest/globals'
import type { NoteEntry, NotesContext } from '../src/notes.js'
import { defaultSections, renderNotes } from '../src/notes.js'

const SHA = 'abc1234def5678abc1234def5678abc1234def56'
const REPO = 'https://github.com/acme/app'

const ctx: NotesContext = {
  version: '1.3.0',
  tag: 'v1.3.0',
  previousTag: 'v1.2.0',
  date: '2026-01-02',
  serverUrl: 'https://github.com',
  repository: 'acme/app',
  sections: defaultSections(),
}

const unlinked: NotesContext = { ...ctx, repository: undefined }

function entry(fields: Partial<NoteEntry>): NoteEntry {
  return {
    type: 'feat',
    description: 'add a thing',
    sha: SHA,
    breakingNotes: [],
    ...fields,
  }
}

function bulletOf(fields: Partial<NoteEntry>, context = ctx): string {
  const lines = renderNotes([entry(fields)], context).split('\n')
  return lines.find((line) => line.startsWith('* ')) ?? ''
}

describe('renderNotes', () => {
  it('renders a whole release: breaking changes first, then sections in order', () => {
    // Written by hand in the shape semantic-release's conventionalcommits
    // preset produces for a release with a break, a feature and a fix.
    const notes = renderNotes(
      [
        entry({
          type: 'fix',
          scope: 'api',
          description: 'keep the header',
          pullRequest: 7,
        }),
        entry({
          type: 'feat',
          scope: 'cli',
          description: 'add --dry-run (#42)',
          breakingNotes: ['`--force` is gone.\nUse `--yes` instead.'],
        }),
        entry({ type: 'chore', description: 'tidy up' }),
      ],
      ctx,
    )
    expect(notes).toBe(
      [
        `## [1.3.0](${REPO}/compare/v1.2.0...v1.3.0) (2026-01-02)`,
        '',
        '### ⚠ BREAKING CHANGES',
        '',
        '* **cli:** `--force` is gone.',
        '  Use `--yes` instead.',
        '',
        '### Features',
        '',
        `* **cli:** add --dry-run ([#42](${REPO}/issues/42)) ([abc1234](${REPO}/commit/${SHA}))`,
        '',
        '### Bug Fixes',
        '',
        `* **api:** keep the header ([#7](${REPO}/issues/7)) ([abc1234](${REPO}/commit/${SHA}))`,
      ].join('\n'),
    )
  })

  it('writes a plain heading and no links without a repository', () => {
    const notes = renderNotes([entry({ pullRequest: 3 })], unlinked)
    expect(notes).toBe(
      '## 1.3.0 (2026-01-02)\n\n### Features\n\n* add a thing (#3) (abc1234)',
    )
  })

  it('links no compare range for a first release', () => {
    const first: NotesContext = { ...ctx, previousTag: undefined }
    expect(renderNotes([], first)).toBe('## 1.3.0 (2026-01-02)')
  })

  it('uses the server URL of GitHub Enterprise Server or a stand-in', () => {
    const local = { ...ctx, serverUrl: 'http://127.0.0.1:1234/' }
    expect(renderNotes([], local)).toBe(
      '## [1.3.0](http://127.0.0.1:1234/acme/app/compare/v1.2.0...v1.3.0) (2026-01-02)',
    )
  })

  it('keeps a tag with a slash readable and encodes parentheses', () => {
    const tagged = { ...ctx, previousTag: 'svc/v1.2.0', tag: 'svc(x)/v1.3.0' }
    expect(renderNotes([], tagged)).toContain(
      '/compare/svc/v1.2.0...svc%28x%29/v1.3.0)',
    )
  })

  it('lists only the sections that have entries, in the configured order', () => {
    const sections = [
      { type: 'fix', heading: 'Fixes' },
      { type: 'feat', heading: 'New' },
      { type: 'docs', heading: 'Docs' },
    ]
    const notes = renderNotes(
      [entry({ type: 'feat' }), entry({ type: 'fix' })],
      { ...ctx, sections },
    )
    const headings = notes.split('\n').filter((l) => l.startsWith('### '))
    expect(headings).toEqual(['### Fixes', '### New'])
  })

  it('keeps the given order of entries within a section', () => {
    const notes = renderNotes(
      [entry({ description: 'first' }), entry({ description: 'second' })],
      ctx,
    )
    expect(notes.indexOf('first')).toBeLessThan(notes.indexOf('second'))
  })

  it('lists a breaking change even when its type has no section', () => {
    const notes = renderNotes(
      [entry({ type: 'refactor', breakingNotes: ['config moved'] })],
      ctx,
    )
    expect(notes).toContain('### ⚠ BREAKING CHANGES\n\n* config moved')
    expect(notes).not.toContain('### Features')
  })

  it('keeps a note with a blank line and a code fence inside its bullet', () => {
    const note = 'Rename it:\r\n\r\n```\nold <name>\n```\nthen <b>go</b>'
    const notes = renderNotes([entry({ breakingNotes: [note] })], ctx)
    expect(notes).toContain(
      '* Rename it:\n\n  ```\n  old <name>\n  ```\n  then \\<b>go\\</b>',
    )
  })

  it.each([
    [
      'a number already at the end',
      { description: 'fix it (#42)' },
      'fix it ([#42](LINK/issues/42))',
    ],
    [
      'a different number at the end',
      { description: 'fix it (#41)', pullRequest: 42 },
      'fix it (#41) ([#42](LINK/issues/42))',
    ],
  ])('links the pull request once for %s', (_name, fields, expected) => {
    const line = bulletOf({ ...fields, sha: '' })
    expect(line).toBe(`* ${expected.replace('LINK', REPO)}`)
  })

  it.each([
    [
      'a tag-like text',
      { description: 'drop <script> tags' },
      '* drop \\<script\\> tags',
    ],
    [
      'stars and underscores',
      { description: 'allow *.tgz and __init__' },
      '* allow \\*.tgz and \\_\\_init\\_\\_',
    ],
    [
      'brackets that look like a link',
      { description: 'parse [x](y)' },
      '* parse \\[x\\](y)',
    ],
    ['a leading hash', { description: '# of retries' }, '* \\# of retries'],
    ['a leading dash', { description: '- trims input' }, '* \\- trims input'],
    [
      'a leading number and dot',
      { description: '2. step works' },
      '* 2\\. step works',
    ],
    [
      'a scope with a star',
      { scope: 'a*b', description: 'x' },
      '* **a\\*b:** x',
    ],
    [
      'nothing inside a code span',
      { description: 'accept `*.tgz` in <globs>' },
      '* accept `*.tgz` in \\<globs\\>',
    ],
    [
      'nothing in a hash inside the text',
      { description: 'closes #12' },
      '* closes #12',
    ],
  ])('escapes %s so the list holds', (_name, fields, expected) => {
    expect(bulletOf({ ...fields, sha: '' }, unlinked)).toBe(expected)
  })
})

describe('defaultSections', () => {
  it('lists features, fixes, performance and reverts', () => {
    expect(defaultSections().map((s) => `${s.type}=${s.heading}`)).toEqual([
      'feat=Features',
      'fix=Bug Fixes',
      'perf=Performance Improvements',
      'revert=Reverts',
    ])
  })
})
