import { describe, expect, it } from '@jest/globals'
import { componentLabels, parseComponents } from '../src/components.js'

// C52 (CASES.md): the configuration from actions/labeler#135,
// NVIDIA/nodewright#553 and OSGeo/grass#3360.
const C52 = parseComponents(`
ci: ['.github/**']
operator: ['operator/**', '!operator/cmd/cli/**']
docs: ['docs/**', '!docs/rfc/**']
`)

describe('componentLabels (C52)', () => {
  it.each([
    ['A', ['.github/workflows/ci.yml'], ['ci']],
    ['B', ['README.md'], []],
    ['C', ['operator/cmd/cli/main.go'], []],
    ['D', ['operator/pkg/x.go', 'operator/cmd/cli/main.go'], ['operator']],
    ['E', ['docs/rfc/0001.md'], []],
  ])('%s: %j gets %j', (_case, paths, labels) => {
    expect(componentLabels(C52, paths, 'feature/x')).toEqual(labels)
  })

  it('never matches with negated globs alone', () => {
    const rules = parseComponents("not-docs: ['!docs/**']")
    expect(componentLabels(rules, ['README.md', 'src/a.ts'], 'main')).toEqual(
      [],
    )
  })
})

describe('branch patterns', () => {
  const rules = parseComponents(`
release:
  branches: ['release/**', '!release/old/**']
docs:
  files: 'docs/**'
  branches: docs/*
`)

  it.each([
    ['release/1.4', [], ['release']],
    ['release/old/1.0', [], []],
    ['docs/typo', [], ['docs']],
    ['feature/x', ['docs/a.md'], ['docs']],
    ['feature/x', ['src/a.ts'], []],
  ])('head %s with %j gets %j', (ref, paths, labels) => {
    expect(componentLabels(rules, paths, ref)).toEqual(labels)
  })
})

describe('parseComponents', () => {
  it('reads colours and descriptions', () => {
    expect(
      parseComponents(
        "api:\n  files: ['api/**']\n  color: '#0E8A16'\n  description: The API",
      ),
    ).toEqual([
      {
        label: 'api',
        files: ['api/**'],
        branches: [],
        color: '0e8a16',
        description: 'The API',
      },
    ])
    expect(parseComponents(undefined)).toEqual([])
  })

  it.each([
    ['- docs/**', 'a YAML map'],
    ['docs:', 'at least one glob in files or branches for docs'],
    ['docs: {color: 0e8a16}', 'at least one glob'],
    ['docs: [3]', 'each glob a string'],
    [`${'x'.repeat(51)}: [a]`, 'label names of 1 to 50 characters'],
    ['docs: {files: [a], description: [b]}', 'a string for description'],
  ])('refuses %j', (text, expected) => {
    expect(() => parseComponents(text)).toThrow(expected)
    expect(() => parseComponents(text)).toThrow(/^input 'components': got /)
  })
})
