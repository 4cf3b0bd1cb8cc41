// Finds the reports by glob, tells each one's format from its first bytes
// and reads them all into one CoverageMap, merged by repository path.
import { open } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { expandGlob } from '../../../lib/files/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'
import { readCobertura } from './cobertura.js'
import { CoverageMap } from './coverage-map.js'
import { readJsonSummary } from './json-summary.js'
import { readLcov } from './lcov.js'
import type { PathResolver } from './report-paths.js'
import type { ReportFormat, ReportRead, ReportSink } from './report-sink.js'

/** One report read: where it was and what it gave. */
export interface ReportFile extends ReportRead {
  /** The report's path as the glob found it. */
  readonly file: string
}

/** All reports read into one map. */
export interface ReportsRead {
  readonly map: CoverageMap
  readonly reports: readonly ReportFile[]
}

/** The report files the globs name, relative to root; none is an error. */
export function findReports(globs: readonly string[], root: string): string[] {
  const found = new Set<string>()
  for (const glob of globs) {
    let files: string[]
    try {
      files = expandGlob(glob, root)
    } catch (error: unknown) {
      throw new ConfigError(
        'reports',
        glob,
        `a valid glob (${errorMessage(error)})`,
      )
    }
    if (files.length === 0) {
      throw new ConfigError(
        'reports',
        glob,
        `a glob matching at least one report file (looked under ${root}); did the tests write their coverage report?`,
      )
    }
    for (const file of files) found.add(file)
  }
  return [...found]
}

/** Reads every report into one map, logging what each one held. */
export async function readReports(
  files: readonly string[],
  root: string,
  resolver: PathResolver,
  logger: Logger,
): Promise<ReportsRead> {
  const map = new CoverageMap()
  const reports: ReportFile[] = []
  for (const file of files) {
    const full = isAbsolute(file) ? file : join(root, file)
    // A relative path in lcov or json-summary is tried against the workspace,
    // then the report's folder and its parent (a package's coverage/).
    const near = [dirname(full), dirname(dirname(full))]
    const sink: ReportSink = {
      place: (raw, sources) =>
        resolver.resolve(
          raw,
          sources?.length ? [...sources, ''] : ['', ...near],
        ),
      add: (coverage) => map.add(coverage),
    }
    const format = await detectFormat(full)
    const read = await READERS[format](full, sink)
    reports.push({ file, ...read })
    logger.info(`${file}: ${format}, ${read.files} file record(s)`)
    if (read.files === 0) {
      logger.warning(`${file} holds no file records`, 'Empty coverage report')
    }
    if (read.ignored > 0) {
      logger.warning(
        `${file}: ${read.ignored} entries not understood were skipped`,
        'Coverage report entries skipped',
      )
    }
  }
  return { map, reports }
}

const READERS: Record<
  ReportFormat,
  (file: string, sink: ReportSink) => Promise<ReportRead>
> = {
  lcov: readLcov,
  'json-summary': readJsonSummary,
  cobertura: readCobertura,
}

/** The format of a report, from its first bytes. */
export async function detectFormat(file: string): Promise<ReportFormat> {
  const handle = await open(file, 'r')
  let head: string
  try {
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
  } finally {
    await handle.close()
  }
  if (head.startsWith('<')) return 'cobertura'
  if (head.startsWith('{')) return 'json-summary'
  // An empty lcov file is what a run with nothing instrumented writes.
  if (head === '' || /^(?:TN|SF|VER):/.test(head)) return 'lcov'
  throw new Error(
    `${file} is not a coverage report this stage reads: expected lcov (lines starting SF:), istanbul json-summary (coverage-summary.json) or Cobertura XML`,
  )
}
