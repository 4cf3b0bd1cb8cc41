import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readCobertura } from '../src/cobertura.js'
import { totalsOf } from '../src/totals.js'
import {
  mapSink,
  removeWorkspaces,
  shape,
  workspace,
  writeFile,
} from './helpers.js'

afterEach(removeWorkspaces)

const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

describe('readCobertura', () => {
  it('finds each class under the <source> that holds it', async () => {
    const root = workspace({
      'src/cortex/api.py': '',
      'tools/release.py': '',
    })
    const { sink, map } = mapSink(root, [{ from: '/app/', to: '' }], (p) =>
      existsSync(p),
    )
    const read = await readCobertura(fixture('cobertura-two-sources.xml'), sink)
    expect(read).toEqual({ format: 'cobertura', files: 2, ignored: 0 })
    expect(shape(map, 'src/cortex/api.py')).toEqual({
      lines: '3/5',
      branches: '1/2',
      functions: '-',
    })
    expect(shape(map, 'tools/release.py').lines).toBe('1/2')
  })

  it('takes the first <source> when no file is on disk', async () => {
    const { sink, map } = mapSink('/repo', [{ from: '/app/', to: '' }])
    await readCobertura(fixture('cobertura-two-sources.xml'), sink)
    expect(map.sorted().map((f) => f.path)).toEqual([
      'src/cortex/api.py',
      'src/release.py',
    ])
  })

  it('counts line elements, never the rates, and skips packages without classes', async () => {
    const { sink, map } = mapSink('/repo', [{ from: 'C:/build/repo/', to: '' }])
    const read = await readCobertura(fixture('cobertura-odd.xml'), sink)
    expect(read.files).toBe(3)
    expect(map.sorted().map((f) => f.path)).toEqual([
      'src/Api/Handler.cs',
      'src/Api/Q&A.cs',
    ])
    // Two classes of one file, method lines repeating the class's: five
    // lines, two ran; 1 of 4 conditions; Handle and Run ran, Unused did
    // not, Abstract has no lines.
    expect(shape(map, 'src/Api/Handler.cs')).toEqual({
      lines: '2/5',
      branches: '1/4',
      functions: '2/3',
    })
    expect(totalsOf(map).lines).toEqual({ covered: 3, total: 6 })
  })

  it('keeps Windows paths outside the workspace as written, slashes turned', async () => {
    const { sink, map } = mapSink('/repo')
    await readCobertura(fixture('cobertura-odd.xml'), sink)
    expect(map.get('C:/build/repo/src/Api/Handler.cs')).toBeDefined()
  })

  it('skips and counts a class without a filename and lines it cannot read', async () => {
    const dir = workspace()
    const file = writeFile(
      dir,
      'coverage.xml',
      [
        '<coverage><packages><package><classes>',
        '<class name="nameless"><lines><line number="1" hits="1"/></lines></class>',
        '<class filename="a.py"><lines>',
        '<line number="x" hits="1"/><line hits="1"/>',
        '<line number="2" hits="1" branch="true" condition-coverage="1% (1/99999)"/>',
        '<line number="3" hits="many" branch="true"/>',
        '</lines></class>',
        '</classes></package></packages></coverage>',
      ].join('\n'),
    )
    const { sink, map } = mapSink()
    expect(await readCobertura(file, sink)).toEqual({
      format: 'cobertura',
      files: 1,
      ignored: 4,
    })
    expect(shape(map, 'a.py')).toEqual({
      lines: '1/2',
      branches: '-',
      functions: '-',
    })
  })

  it('refuses XML that is not Cobertura', async () => {
    const dir = workspace()
    const file = writeFile(dir, 'jacoco.xml', '<report name="x"></report>')
    await expect(readCobertura(file, mapSink().sink)).rejects.toThrow(
      'is XML but not a Cobertura report',
    )
  })

  it('refuses a truncated report', async () => {
    const dir = workspace()
    const file = writeFile(
      dir,
      'coverage.xml',
      '<coverage><packages><package><classes><class filename="a.py"><lines><line number="1" hits="1',
    )
    await expect(readCobertura(file, mapSink().sink)).rejects.toThrow(
      /ends inside markup|malformed tag/,
    )
  })

  it('reads a report larger than one chunk', async () => {
    const classes = Array.from({ length: 3_000 }, (_, i) => {
      const lines = Array.from(
        { length: 30 },
        (_, n) => `<line number="${n + 1}" hits="${n % 3 === 0 ? 0 : 1}"/>`,
      ).join('')
      return `<class name="c${i}" filename="pkg/m${i}.py"><lines>${lines}</lines></class>`
    })
    const dir = workspace()
    const file = writeFile(
      dir,
      'coverage.xml',
      `<coverage><packages><package name="p"><classes>${classes.join('\n')}</classes></package></packages></coverage>`,
    )
    const { sink, map } = mapSink()
    expect((await readCobertura(join(file), sink)).files).toBe(3_000)
    expect(totalsOf(map).lines).toEqual({ covered: 60_000, total: 90_000 })
  })
})
