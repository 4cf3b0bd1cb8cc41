import { describe, expect, it } from '@jest/globals'
import type { DescriptionSettings } from '../src/description-check.js'
import {
  descriptionText,
  explainsBreak,
  lintDescription,
} from '../src/description-check.js'

const RULES: DescriptionSettings = {
  minLines: 1,
  allowIssueRefOnly: false,
  breakingLabels: ['breaking'],
}

// C49 (c): a pull request template left as it was, written for these tests
// after the usual shape of .github/pull_request_template.md.
const TEMPLATE = [
  '## What',
  '<!-- describe the change: what and why -->',
  '',
  '## How was it tested?',
  '<!--',
  'Commands, screenshots…',
  '-->',
  '',
  '## Checklist',
  '- [ ] tests added',
  '* [ ] docs updated',
  '- [x] I read CONTRIBUTING.md',
  '---',
].join('\n')

function messages(
  body: string | null,
  rules: Partial<DescriptionSettings> = {},
  labels: string[] = [],
  titleBreaking = false,
): string[] {
  return lintDescription({ body, labels }, titleBreaking, {
    ...RULES,
    ...rules,
  }).map((f) => f.message)
}

describe('lintDescription', () => {
  // C49 in /work/shared/cases/CASES.md (section G).
  it.each<[string, string | null, Partial<DescriptionSettings>, string[]]>([
    ['(a) a null body', null, {}, ['the description is empty']],
    ['(b) an empty body', '', {}, ['the description is empty']],
    ['(c) the unchanged template', TEMPLATE, {}, ['the description is empty']],
    [
      '(d) only an issue reference',
      'Fixes #12',
      {},
      ['the description only references an issue'],
    ],
    [
      '(d) with allow-issue-ref-only',
      'Fixes #12',
      { allowIssueRefOnly: true },
      [],
    ],
    ['(e) three words of text', 'Adds dark theme', {}, []],
    [
      'the template with one line filled in',
      `${TEMPLATE}\nThe dashboard follows the system theme.`,
      {},
      [],
    ],
    [
      'fewer lines than the minimum',
      'One line.\nFixes #12',
      { minLines: 2 },
      ['the description has 1 line of text; at least 2 expected'],
    ],
    ['an empty body when 0 lines are enough', '', { minLines: 0 }, []],
  ])('C49 %s', (_name, body, rules, expected) => {
    expect(messages(body, rules)).toEqual(expected)
  })

  it('says how to fill in an empty description', () => {
    expect(
      lintDescription({ body: TEMPLATE, labels: [] }, false, RULES),
    ).toEqual([
      {
        check: 'description',
        message: 'the description is empty',
        hint: "say what changes and why; the template's headings, comments and checkboxes do not count",
      },
    ])
  })

  it('C49 fails a breaking-labelled pull request without BREAKING CHANGE, pointing where to add it', () => {
    const found = lintDescription(
      { body: 'Drops the legacy key.', labels: ['Breaking'] },
      false,
      RULES,
    )
    expect(found).toEqual([
      {
        check: 'description',
        message:
          'labelled `Breaking`, but the description has no `BREAKING CHANGE:` paragraph',
        hint: 'end the description with a paragraph `BREAKING CHANGE: what breaks, and how to migrate`, or mark the title with `!` (`feat(api)!: …`)',
      },
    ])
  })

  it.each<[string, string, boolean, string[]]>([
    [
      'a BREAKING CHANGE paragraph',
      'Drops the key.\n\nBREAKING CHANGE: `legacy` is gone; use `modern`.',
      false,
      [],
    ],
    [
      'a paragraph before others',
      'Drops the key.\n\nBREAKING-CHANGE: `legacy` is gone.\n\nThanks to all.',
      false,
      [],
    ],
    ['a `!` title', 'Drops the legacy key.', true, []],
    [
      'the words in prose only',
      'This is a breaking change: it drops the key.',
      false,
      [
        'labelled `breaking`, but the description has no `BREAKING CHANGE:` paragraph',
      ],
    ],
    [
      'BREAKING CHANGE in a template comment only',
      'Drops the key.\n\n<!-- BREAKING CHANGE: describe it -->',
      false,
      [
        'labelled `breaking`, but the description has no `BREAKING CHANGE:` paragraph',
      ],
    ],
  ])('a breaking label is explained by %s', (_n, body, bang, expected) => {
    expect(messages(body, {}, ['breaking'], bang)).toEqual(expected)
  })

  it('leaves a pull request without a breaking label alone', () => {
    expect(explainsBreak('Nothing breaks.')).toBe(false)
    expect(messages('Nothing breaks.', {}, ['enhancement'])).toEqual([])
  })
})

describe('descriptionText', () => {
  it('keeps the text and the references, drops the template', () => {
    expect(
      descriptionText(
        `${TEMPLATE}\r\nAdds the theme.\r\n- Closes #4, example-org/ui#9\r\nSee https://github.com/example-org/cortex/issues/7`,
      ),
    ).toEqual({
      text: ['Adds the theme.'],
      references: [
        '- Closes #4, example-org/ui#9',
        'See https://github.com/example-org/cortex/issues/7',
      ],
    })
  })

  it('counts a line that only names a closing word as text', () => {
    expect(descriptionText('Fixes the login')).toEqual({
      text: ['Fixes the login'],
      references: [],
    })
  })
})
