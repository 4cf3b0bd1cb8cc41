import { describe, expect, it } from '@jest/globals'
import { globMatcher, matchesGlobs } from './glob-match.js'

describe('globMatcher', () => {
  it.each([
    ['src/**', 'src/a/b.ts', true],
    ['src/**', 'src', true], // `**` matches zero parts too
    ['**/*.test.ts', 'src/b.test.ts', true],
    ['**/*.test.ts', 'b.test.ts', true],
    ['*.md', 'docs/a.md', false],
    ['docs/*.md', 'docs/a.md', true],
    ['.github/**', '.github/workflows/ci.yml', true],
    ['**/*.yml', '.github/workflows/ci.yml', true],
    ['src/{a,b}.ts', 'src/b.ts', true],
    ['src/[!a]*.ts', 'src/a.ts', false],
    ['./scripts/**', 'scripts/dev.js', true],
    ['dependabot/**', 'a1b2dependabot/github_actions/foo-2', false],
    ['dependabot/**', 'dependabot/npm_and_yarn/@babel/runtime-7.3.1', true],
    ['release-please--**', 'release-please--branches--main', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected)
  })

  it('skips dot-named parts when dot is off', () => {
    expect(globMatcher('**/*.yml', { dot: false })('.github/ci.yml')).toBe(
      false,
    )
    expect(globMatcher('.github/*.yml', { dot: false })('.github/ci.yml')).toBe(
      true,
    )
  })

  it('names an invalid glob', () => {
    expect(() => globMatcher('src/[z-a].ts')).toThrow(/invalid glob segment/)
  })
})

// C52: a label applies when some changed file matches a positive glob and
// none of the negative ones; a negative glob alone never matches.
describe('matchesGlobs (C52)', () => {
  const operator = ['operator/**', '!operator/cmd/cli/**']
  const docs = ['docs/**', '!docs/rfc/**']

  it.each([
    ['.github/workflows/ci.yml', ['.github/**'], true],
    ['README.md', operator, false],
    ['operator/cmd/cli/main.go', operator, false],
    ['operator/pkg/x.go', operator, true],
    ['docs/rfc/0001.md', docs, false],
    ['README.md', ['!docs/**'], false],
  ])('%s against %j: %s', (path, globs, expected) => {
    expect(matchesGlobs(path, globs)).toBe(expected)
  })
})
