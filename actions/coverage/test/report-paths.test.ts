import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import type { PathMapping } from '../src/report-paths.js'
import { PathResolver, parsePathMap } from '../src/report-paths.js'

const ROOT = '/home/runner/work/cortex/cortex'

describe('PathResolver', () => {
  it.each<[string, string, PathMapping[], string]>([
    [
      'an absolute path under the workspace',
      `${ROOT}/src/a.ts`,
      [],
      'src/a.ts',
    ],
    ['a ./ path', './src/a.ts', [], 'src/a.ts'],
    ['.. and . parts', `${ROOT}/lib/../src/./a.ts`, [], 'src/a.ts'],
    ['Windows backslashes', 'src\\api\\a.ts', [], 'src/api/a.ts'],
    ['a file:// URL', `file://${ROOT}/src/a%20b.ts`, [], 'src/a b.ts'],
    [
      'a path outside the workspace, kept',
      '/opt/lib/x.js',
      [],
      '/opt/lib/x.js',
    ],
    [
      'a container path mapped to the root',
      '/app/src/a.py',
      [{ from: '/app/', to: '' }],
      'src/a.py',
    ],
    [
      'a package built elsewhere mapped into a monorepo',
      '/build/src/a.ts',
      [{ from: '/build/', to: 'packages/api/' }],
      'packages/api/src/a.ts',
    ],
    [
      'a Windows drive path mapped',
      'C:\\agent\\_work\\1\\s\\src\\a.cs',
      [{ from: 'C:/agent/_work/1/s/', to: '' }],
      'src/a.cs',
    ],
    [
      'the first mapping that fits',
      '/app/web/a.ts',
      [
        { from: '/app/web/', to: 'web/' },
        { from: '/app/', to: '' },
      ],
      'web/a.ts',
    ],
    [
      'a mapping to an absolute path under the workspace',
      '/ci/src/a.ts',
      [{ from: '/ci/', to: `${ROOT}/` }],
      'src/a.ts',
    ],
  ])('places %s', (_name, raw, mappings, expected) => {
    expect(new PathResolver(ROOT, mappings, () => false).resolve(raw)).toBe(
      expected,
    )
  })

  it('compares Windows workspaces without regard to case', () => {
    const resolver = new PathResolver('D:\\a\\cortex\\cortex', [])
    expect(resolver.resolve('d:\\A\\cortex\\cortex\\src\\x.ts')).toBe(
      'src/x.ts',
    )
  })

  it('tries each base folder and takes the first that holds the file', () => {
    const disk = new Set([`${ROOT}/packages/api/src/a.ts`])
    const resolver = new PathResolver(ROOT, [], (p) => disk.has(p))
    const bases = ['', `${ROOT}/packages/api/coverage`, `${ROOT}/packages/api`]
    expect(resolver.resolve('src/a.ts', bases)).toBe('packages/api/src/a.ts')
    expect(resolver.resolve('src/b.ts', bases)).toBe('src/b.ts')
  })

  it('names the paths it left outside the workspace', () => {
    const resolver = new PathResolver(ROOT, [], () => false)
    resolver.resolve('/elsewhere/a.ts')
    resolver.resolve('src/b.ts')
    expect([...resolver.outside]).toEqual(['/elsewhere/a.ts'])
  })
})

describe('parsePathMap', () => {
  it('reads from=to lines, slashes turned and ./ dropped', () => {
    expect(parsePathMap(['/app/=', 'C:\\b\\=x/', './src/=lib/src/'])).toEqual([
      { from: '/app/', to: '' },
      { from: 'C:/b/', to: 'x/' },
      { from: 'src/', to: 'lib/src/' },
    ])
  })

  it.each(['/app/', '=src/'])('refuses %j, naming the input', (entry) => {
    const error = (() => {
      try {
        parsePathMap([entry])
      } catch (e: unknown) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(String(error)).toContain(
      `input 'path-map': got ${JSON.stringify(entry)}; expected one \`from=to\` prefix rewrite a line`,
    )
  })
})
