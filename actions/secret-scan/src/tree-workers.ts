// A tree scan spread over worker threads, one per core: each takes a share
// of the files, balanced by size, and the main thread takes one too. Small
// trees stay in one thread, since a worker costs more to start (it loads
// the whole bundle) than it saves.
import { statSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { DebugLines, noCoverage } from './collect.js'
import type { Candidate } from './collect.js'
import type { TreeJob, TreeResult } from './tree-scan.js'
import { scanTreeFiles } from './tree-scan.js'

/** How many threads may scan, and the script a worker runs. */
export interface Parallelism {
  /** The bundle: it runs the worker side when not on the main thread. */
  readonly workerUrl: URL
  /** 0 picks one a core (at most 4) for trees over PARALLEL_BYTES. */
  readonly threads: number
}

/** Trees smaller than this are scanned in one thread when `threads` is 0. */
export const PARALLEL_BYTES = 8 * 1024 * 1024

/** Runs one share of a job elsewhere: a worker thread, or a test's stand-in. */
export type ShareRunner = (url: URL, job: TreeJob) => Promise<TreeResult>

/** Scans the job's files, in workers when it pays. */
export async function scanTree(
  job: TreeJob,
  parallel: Parallelism | undefined,
  runShare: ShareRunner = inWorker,
): Promise<TreeResult> {
  if (parallel === undefined) return scanTreeFiles(job)
  const sizes = job.paths.map((path) => sizeOf(join(job.root, path)))
  const total = sizes.reduce((a, b) => a + b, 0)
  const threads =
    parallel.threads > 0
      ? parallel.threads
      : total < PARALLEL_BYTES
        ? 1
        : Math.min(4, availableParallelism())
  if (threads <= 1) return scanTreeFiles(job)
  const [mine = [], ...theirs] = shares(job.paths, sizes, threads)
  const running = theirs.map((paths) =>
    runShare(parallel.workerUrl, { ...job, paths }),
  )
  // Every promise gets a handler now: the main thread's own share runs
  // synchronously below, and a worker may fail meanwhile.
  const settled = Promise.allSettled(running)
  const results = [scanTreeFiles({ ...job, paths: mine })]
  for (const outcome of await settled) {
    if (outcome.status === 'rejected') throw outcome.reason
    results.push(outcome.value)
  }
  return { ...merge(results), threads }
}

/** Splits paths into `count` shares of about equal bytes, largest first. */
export function shares(
  paths: readonly string[],
  sizes: readonly number[],
  count: number,
): string[][] {
  const order = paths
    .map((_, i) => i)
    .sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0))
  const bins = Array.from({ length: count }, () => ({
    bytes: 0,
    paths: [] as string[],
  }))
  for (const i of order) {
    const bin = bins.reduce((a, b) => (b.bytes < a.bytes ? b : a))
    bin.bytes += sizes[i] ?? 0
    bin.paths.push(paths[i] ?? '')
  }
  return bins.map((bin) => bin.paths.sort())
}

function inWorker(url: URL, job: TreeJob): Promise<TreeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, { workerData: job })
    let result: TreeResult | undefined
    worker.once('message', (message: TreeResult) => {
      result = message
    })
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (result !== undefined) resolve(result)
      else
        reject(
          new Error(`a scan worker stopped (exit ${code}) without a result`),
        )
    })
  })
}

function merge(results: readonly TreeResult[]): TreeResult {
  const candidates: Candidate[] = []
  const coverage = noCoverage()
  const debug = new DebugLines()
  for (const result of results) {
    candidates.push(...result.candidates)
    coverage.files += result.coverage.files
    coverage.bytes += result.coverage.bytes
    coverage.skipped.binary += result.coverage.skipped.binary
    coverage.skipped.large.push(...result.coverage.skipped.large)
    debug.merge(result.debug)
  }
  // In git's order (bytes, not locale), as one thread would have read them.
  candidates.sort((a, b) => byteOrder(a.path, b.path) || a.line - b.line)
  coverage.skipped.large.sort((a, b) => byteOrder(a.path, b.path))
  return {
    candidates,
    coverage,
    debug: { lines: debug.lines, dropped: debug.dropped },
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
