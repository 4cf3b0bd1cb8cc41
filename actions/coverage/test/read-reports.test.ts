import { afterEach, describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../../lib/runner/index.js'
import { detectFormat, findReports, readReports } from '../src/read-reports.js'
import { PathResolver } from '../src/report-paths.js'
import { totalsOf } from '../src/totals.js'
import { removeWorkspaces, workspace, writeFile } from './helpers.js'

afterEach(removeWorkspaces)

describe('findReports', () => {
  it('expands every glob, each report once', () => {
    const root = workspace({
      'coverage/lcov.info': '',
      'packages/a/coverage/lcov.info': '',
      'packages/b/coverage.xml': '',
    })
    expect(
      findReports(
        ['**/lcov.info', 'packages/*/coverage/lcov.info', 'packages/b/*.xml'],
        root,
      ),
    ).toEqual([
      'coverage/lcov.info',
      'packages/a/coverage/lcov.info',
      'packages/b/coverage.xml',
    ])
  })

  it('names a glob that matches nothing', () => {
    const root = workspace({ 'coverage/lcov.info': '' })
    expect(() =>
      findReports(['coverage/lcov.info', 'build/*.xml'], root),
    ).toThrow(
      `input 'reports': got "build/*.xml"; expected a glob matching at least one report file (looked under ${root})`,
    )
  })

  it('names a glob it cannot read', () => {
    expect(() => findReports(['[z-a].info'], workspace())).toThrow(
      'input \'reports\': got "[z-a].info"; expected a valid glob',
    )
  })
})

describe('detectFormat', () => {
  it.each([
    ['TN:\nSF:a\n', 'lcov'],
    ['SF:a\n', 'lcov'],
    ['', 'lcov'],
    ['\uFEFF<?xml version="1.0"?><coverage/>', 'cobertura'],
    ['  {"total":{}}', 'json-summary'],
  ])('tells %j is %s', async (text, format) => {
    expect(await detectFormat(writeFile(workspace(), 'r', text))).toBe(format)
  })

  it('refuses a file that is none of them', async () => {
    await expect(
      detectFormat(writeFile(workspace(), 'junit.txt', 'PASS 3 tests')),
    ).rejects.toThrow('is not a coverage report this stage reads')
  })
})

describe('readReports', () => {
  it('reads each format into one map and says what each held', async () => {
    const root = workspace({
      'src/a.ts': '',
      'packages/api/src/b.ts': '',
      // A package's lcov with paths relative to the package.
      'packages/api/coverage/lcov.info': 'SF:src/b.ts\nDA:1,1\nend_of_record\n',
      'coverage/lcov.info':
        'SF:src/a.ts\nDA:1,1\nDA:2,0\nBOGUS\nend_of_record\n',
      'empty/lcov.info': '',
    })
    const log = new MemoryLogger()
    const files = findReports(['**/lcov.info'], root)
    const { map, reports } = await readReports(
      files,
      root,
      new PathResolver(root),
      log,
    )
    expect(map.sorted().map((f) => f.path)).toEqual([
      'packages/api/src/b.ts',
      'src/a.ts',
    ])
    expect(totalsOf(map).lines).toEqual({ covered: 2, total: 3 })
    expect(reports.map((r) => [r.file, r.files, r.ignored])).toEqual([
      ['coverage/lcov.info', 1, 1],
      ['empty/lcov.info', 0, 0],
      ['packages/api/coverage/lcov.info', 1, 0],
    ])
    expect(log.at('warning')).toEqual([
      'coverage/lcov.info: 1 entries not understood were skipped',
      'empty/lcov.info holds no file records',
    ])
  })
})
