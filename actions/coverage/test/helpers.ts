// Shared by the coverage tests: temp workspaces, a sink that keeps what a
// reader finds, and the counts of a file's metrics.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { CoverageMap } from '../src/coverage-map.js'
import type { Counts } from '../src/file-coverage.js'
import { countsOf } from '../src/file-coverage.js'
import type { PathMapping } from '../src/report-paths.js'
import { PathResolver } from '../src/report-paths.js'
import type { ReportSink } from '../src/report-sink.js'

const made: string[] = []

/** A temp folder holding these files; removed by `removeWorkspaces`. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-coverage-'))
  made.push(dir)
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text)
  return dir
}

/** Writes a file under dir, making its folders. */
export function writeFile(dir: string, path: string, text: string): string {
  const full = join(dir, path)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, text)
  return full
}

/** Removes every folder `workspace` made. */
export function removeWorkspaces(): void {
  for (const dir of made.splice(0))
    rmSync(dir, { recursive: true, force: true })
}

/** A sink into a map, placing paths as the stage does under `root`. */
export function mapSink(
  root = '/repo',
  mappings: PathMapping[] = [],
  exists: (path: string) => boolean = () => false,
): { sink: ReportSink; map: CoverageMap } {
  const map = new CoverageMap()
  const resolver = new PathResolver(root, mappings, exists)
  return {
    map,
    sink: {
      place: (raw, sources) =>
        resolver.resolve(raw, sources?.length ? [...sources, ''] : ['']),
      add: (file) => map.add(file),
    },
  }
}

/** `covered/total` of each metric of a file, `-` for one not reported. */
export function shape(
  map: CoverageMap,
  path: string,
): Record<'lines' | 'branches' | 'functions', string> {
  const file = map.get(path)
  if (file === undefined) throw new Error(`${path} is not in the map`)
  const show = (c: Counts, present: boolean): string =>
    present ? `${c.covered}/${c.total}` : '-'
  return {
    lines: show(countsOf(file.lines), file.lines !== undefined),
    branches: show(countsOf(file.branches), file.branches !== undefined),
    functions: show(countsOf(file.functions), file.functions !== undefined),
  }
}

/** lcov text from records written one entry a line. */
export function lcov(...records: string[][]): string {
  return records.map((r) => `${r.join('\n')}\n`).join('')
}
