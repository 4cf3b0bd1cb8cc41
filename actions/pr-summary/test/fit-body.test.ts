import { describe, expect, it } from '@jest/globals'
import type { Section } from '../src/fit-body.js'
import { cut, fitSections, renderSections } from '../src/fit-body.js'
import { coverageSection } from '../src/render.js'

const rows = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `| ${prefix}${i} | ${'x'.repeat(40)} |`)

const SECTIONS: Section[] = [
  { parts: [{ kind: 'text', text: '#### Checks\n| tests | ✅ success |' }] },
  {
    parts: [
      { kind: 'text', text: '#### Coverage\n| file | % |\n| --- | --- |' },
      { kind: 'rows', rows: rows('cov', 100), priority: 1 },
    ],
  },
  {
    parts: [
      { kind: 'text', text: '#### Changes\n| file | + |\n| --- | --- |' },
      { kind: 'rows', rows: rows('file', 20), priority: 3 },
    ],
  },
]

describe('fitSections', () => {
  it('leaves a body that fits as it is', () => {
    const whole = renderSections(SECTIONS)
    expect(fitSections(SECTIONS, whole.length)).toEqual({
      text: whole,
      omitted: 0,
    })
  })

  it('drops the lowest priority rows first, from the end, and says how many', () => {
    const whole = renderSections(SECTIONS)
    const { text, omitted } = fitSections(SECTIONS, whole.length - 1000)
    expect(text.length).toBeLessThanOrEqual(whole.length - 1000)
    expect(text).toContain('| cov0 |')
    expect(text).not.toContain('| cov99 |')
    expect(text).toContain('| file19 |')
    expect(text).toContain(
      `_${omitted} rows omitted to fit GitHub's comment limit; full report in the job summary and the summary-file artifact._`,
    )
  })

  it('drops the changed-files rows only when coverage rows are gone', () => {
    const { text } = fitSections(SECTIONS, 700)
    expect(text).not.toContain('| cov0 |')
    expect(text).toContain('| tests | ✅ success |')
    expect(text.length).toBeLessThanOrEqual(700)
  })

  it('cuts text that is too long even without rows', () => {
    const long: Section[] = [
      { parts: [{ kind: 'text', text: 'line\n'.repeat(1000) }] },
    ]
    const { text } = fitSections(long, 500)
    expect(text.length).toBeLessThanOrEqual(500)
    expect(text).toMatch(/_\d+ more characters omitted/)
  })
})

describe('cut', () => {
  it('cuts at a line end', () => {
    const text = cut('aaaa\nbbbb\n'.repeat(100), 300)
    expect(text.length).toBeLessThanOrEqual(300)
    expect(text.split('\n')[0]).toBe('aaaa')
  })
})

describe('coverageSection', () => {
  it('keeps totals and text, and makes rows of changed files drop last', () => {
    const markdown = [
      'Coverage of 3 files',
      '',
      '| file | lines |',
      '| :--- | ---: |',
      '| src/a.ts | 80 % |',
      '| src/b.ts | 90 % |',
      '| **Total** | 85 % |',
      '',
      'Baseline: main',
    ].join('\n')
    const { parts } = coverageSection(markdown, ['src/b.ts'])
    expect(parts).toEqual([
      { kind: 'text', text: '#### Coverage' },
      {
        kind: 'text',
        text: 'Coverage of 3 files\n\n| file | lines |\n| :--- | ---: |',
      },
      { kind: 'rows', rows: ['| src/a.ts | 80 % |'], priority: 1 },
      { kind: 'rows', rows: ['| src/b.ts | 90 % |'], priority: 2 },
      { kind: 'text', text: '| **Total** | 85 % |\n\nBaseline: main' },
    ])
  })
})
