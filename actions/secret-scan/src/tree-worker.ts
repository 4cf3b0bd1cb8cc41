// The worker side of a parallel tree scan: scan the files it was given and
// post the result back.
import { parentPort, workerData } from 'node:worker_threads'
import type { TreeJob } from './tree-scan.js'
import { scanTreeFiles } from './tree-scan.js'

/** Runs in a worker thread started by scanTree. */
export function runTreeWorker(): void {
  parentPort?.postMessage(scanTreeFiles(workerData as TreeJob))
}
