import { describe, expect, it } from '@jest/globals'
import { insertRelease } from '../src/changelog.js'

const NOTES =
  '## [1.3.0](https://x/compare/v1.2.0...v1.3.0) (2026-01-02)\n\n### Features\n\n* new'
const TITLE = '# Changelog'
const options = { title: TITLE, version: '1.3.0' }

describe('insertRelease', () => {
  it('does not duplicate a title re-wrapped by a formatter (C19)', () => {
    // CASES.md C19, from semantic-release/changelog#229: same words as the
    // configured title, wrapped differently.
    const existing = [
      '# Changelog',
      '',
      'All notable changes to this project are documented here.',
      'Formatting re-wrapped by prettier.',
      '',
      '## [1.2.0] (2024-05-01)',
      '',
      '* old',
      '',
    ].join('\n')
    const title =
      '# Changelog\n\nAll notable changes to this project are documented here. Formatting re-wrapped by prettier.'
    const update = insertRelease(existing, NOTES, { title, version: '1.3.0' })
    const intro = existing.slice(0, existing.indexOf('## [1.2.0]'))
    expect(update).toEqual({
      text: `${intro}${NOTES}\n\n## [1.2.0] (2024-05-01)\n\n* old\n`,
      changed: true,
    })
    expect(update.text.match(/^# Changelog$/gm)).toHaveLength(1)
  })

  it.each([
    ['an absent file', undefined],
    ['an empty file', ''],
    ['a file of blank lines', '\n\n'],
  ])('writes the title and the notes into %s', (_name, existing) => {
    expect(insertRelease(existing, NOTES, options)).toEqual({
      text: `${TITLE}\n\n${NOTES}\n`,
      changed: true,
    })
  })

  it('writes only the notes when the title is empty', () => {
    const update = insertRelease(undefined, `${NOTES}\n\n`, {
      title: '',
      version: '1.3.0',
    })
    expect(update.text).toBe(`${NOTES}\n`)
  })

  it.each([
    ['## [1.2.0](https://x/compare/v1.1.0...v1.2.0) (2024-05-01)'],
    ['## 1.2.0 (2024-05-01)'],
    ['# [1.2.0](https://x/compare/v1.1.0...v1.2.0) (2024-05-01)'],
    ['## v1.2.0'],
    ['## [v1.2.0] - 2024-05-01'],
    ['## [1.2.0-rc.1] - 2024-05-01'],
    ['## <small>1.2.0 (2024-05-01)</small>'],
    ['### [1.2.1](https://x/compare/v1.2.0...v1.2.1) (2024-05-02)'],
  ])('inserts directly above the version heading %s', (heading) => {
    const existing = `${TITLE}\n\n${heading}\n\n* old\n`
    const update = insertRelease(existing, NOTES, options)
    expect(update.text).toBe(`${TITLE}\n\n${NOTES}\n\n${heading}\n\n* old\n`)
  })

  it('inserts above a standard-version patch section, not below it', () => {
    const existing = `${TITLE}\n\n### [1.1.1](x) (2024-05-02)\n\n* fix\n\n## [1.1.0](x) (2024-05-01)\n\n* feat\n`
    const update = insertRelease(existing, NOTES, options)
    expect(update.text.indexOf(NOTES)).toBeLessThan(
      update.text.indexOf('### [1.1.1]'),
    )
  })

  it('keeps an Unreleased section and other headings above the first version', () => {
    const existing =
      '# Changelog\n\n## Unreleased\n\n* pending\n\n## Notes 2.0 plans\n\n## [1.2.0]\n'
    const update = insertRelease(existing, NOTES, options)
    expect(update.text).toBe(
      `# Changelog\n\n## Unreleased\n\n* pending\n\n## Notes 2.0 plans\n\n${NOTES}\n\n## [1.2.0]\n`,
    )
  })

  it('ignores a version-like heading inside a code block', () => {
    const existing = '# Changelog\n\n```md\n## 9.9.9\n```\n\n## 1.2.0\n'
    const update = insertRelease(existing, NOTES, options)
    expect(update.text).toBe(
      `# Changelog\n\n\`\`\`md\n## 9.9.9\n\`\`\`\n\n${NOTES}\n\n## 1.2.0\n`,
    )
  })

  it('inserts above the anchor older conventional-changelog writes', () => {
    // Shape of conventional-changelog output before v2: an anchor line
    // directly above each version heading.
    const existing = '<a name="1.2.0"></a>\n# [1.2.0](https://x) (2018-01-01)\n'
    const update = insertRelease(existing, NOTES, options)
    expect(update.text).toBe(`${NOTES}\n\n${existing}`)
  })

  it.each([['## [1.3.0](https://x) (2026-01-01)'], ['## v1.3.0'], ['# 1.3.0']])(
    'changes nothing when %s is already there (a re-run)',
    (heading) => {
      const existing = `${TITLE}\n\n${heading}\n\n* new\n\n## 1.2.0\n`
      expect(insertRelease(existing, NOTES, options)).toEqual({
        text: existing,
        changed: false,
      })
    },
  )

  it('does not take 1.3.0-rc.1 or 1.3.01 for 1.3.0', () => {
    const existing = '## 1.3.0-rc.1\n\n## 1.3.01\n'
    expect(insertRelease(existing, NOTES, options).changed).toBe(true)
  })

  it('keeps CRLF line endings and writes the notes with them', () => {
    const existing = '# Changelog\r\n\r\n## [1.2.0]\r\n\r\n* old\r\n'
    const update = insertRelease(existing, NOTES, options)
    const crlfNotes = NOTES.replace(/\n/g, '\r\n')
    expect(update.text).toBe(
      `# Changelog\r\n\r\n${crlfNotes}\r\n\r\n## [1.2.0]\r\n\r\n* old\r\n`,
    )
    expect(update.text.replace(/\r\n/g, '')).not.toContain('\n')
  })

  it('keeps a missing final newline', () => {
    const existing = '# Changelog\n\n## 1.2.0\n\n* old'
    const update = insertRelease(existing, NOTES, options)
    expect(update.text.endsWith('* old')).toBe(true)
  })

  it.each([
    ['ends with a newline', '# Changelog\n', `# Changelog\n\n${NOTES}\n`],
    ['ends with a blank line', '# Changelog\n\n', `# Changelog\n\n${NOTES}\n`],
    ['has no final newline', '# Changelog', `# Changelog\n\n${NOTES}`],
    ['has no H1', 'Our own words.\n', `Our own words.\n\n${NOTES}\n`],
    [
      'is CRLF',
      'Intro\r\n',
      `Intro\r\n\r\n${NOTES.replace(/\n/g, '\r\n')}\r\n`,
    ],
  ])(
    'appends when a file without version sections %s',
    (_name, existing, text) => {
      expect(insertRelease(existing, NOTES, options)).toEqual({
        text,
        changed: true,
      })
    },
  )

  it('adds no title to a file without one', () => {
    const existing = 'Release history of app.\n\n## 1.2.0\n'
    const update = insertRelease(existing, NOTES, options)
    expect(update.text).toBe(
      `Release history of app.\n\n${NOTES}\n\n## 1.2.0\n`,
    )
  })
})
