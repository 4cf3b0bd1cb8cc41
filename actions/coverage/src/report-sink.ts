// What every report reader hands its findings to, and what it says back.
import type { FileCoverage } from './file-coverage.js'

/** The report formats read. */
export type ReportFormat = 'lcov' | 'json-summary' | 'cobertura'

/** Where a reader puts the files it finds. */
export interface ReportSink {
  /**
   * The repository path of a path as the report wrote it; Cobertura passes
   * its <source> folders to try first.
   */
  place(raw: string, sources?: readonly string[]): string
  add(file: FileCoverage): void
}

/** What reading one report gave. */
export interface ReportRead {
  readonly format: ReportFormat
  /** File records read (one file may have several). */
  readonly files: number
  /** Entries not understood and skipped, for a warning. */
  readonly ignored: number
}
