// Every file's coverage from every report, merged by path.
import type { FileCoverage } from './file-coverage.js'
import { mergeFiles } from './file-coverage.js'

/** The files of all reports read so far, one entry a path. */
export class CoverageMap {
  private readonly files = new Map<string, FileCoverage>()

  /** Adds a file, merging it with what is known of the same path. */
  add(file: FileCoverage): void {
    const known = this.files.get(file.path)
    this.files.set(file.path, known ? mergeFiles(known, file) : file)
  }

  get(path: string): FileCoverage | undefined {
    return this.files.get(path)
  }

  get size(): number {
    return this.files.size
  }

  /** The files sorted by path. */
  sorted(): FileCoverage[] {
    return [...this.files.values()].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    )
  }
}
