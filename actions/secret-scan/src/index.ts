import { isMainThread } from 'node:worker_threads'
import { run } from './main.js'
import { runTreeWorker } from './tree-worker.js'

// The bundle is its own worker script: a large tree is scanned by worker
// threads started from this same file, which take the second branch.
if (isMainThread) await run({ workerUrl: new URL(import.meta.url) })
else runTreeWorker()
