import { describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { EditRequest } from '../src/file-edits.js'
import { EditFailure } from '../src/file-edits.js'
import type { UpdateOptions } from '../src/update.js'
import { runUpdate } from '../src/update.js'
import {
  PLATFORM_IMAGES,
  serverTarget,
  snapshot,
  editRequest,
  platformCopies,
} from './platform.js'

// runUpdate in write mode on a temp copy of examples/platform, where every
// requested image must be placed somewhere: by a scanned file naming it, or
// by a target taking its version; else the run fails, or warns when allowed.

const platform = platformCopies()
const request = editRequest

function write(root: string, edits: EditRequest, allowUnmatched: boolean) {
  const options: UpdateOptions = {
    root,
    request: edits,
    mode: 'write',
    dryRun: false,
    allowUnmatched,
    remote: 'origin',
    branch: 'main',
    pullBranch: 'unused',
    subject: 'chore(deploy): test',
    retries: 0,
  }
  const logger = new MemoryLogger()
  return { run: runUpdate(new Git(root), options, logger), logger }
}

const OVERLAY = ['apps/dashboard/overlays/staging/**']
const IMAGES = [
  { repository: PLATFORM_IMAGES.dashboard, tag: '2.1.1' },
  { repository: 'ghcr.io/example-org/cortex-dashboard-exporter', tag: '1' },
]

describe('an image no scanned file names', () => {
  it('fails the run, naming the image and the files, with nothing written', async () => {
    const root = platform()
    const before = snapshot(root)
    const { run } = write(root, request(IMAGES, OVERLAY), false)
    await expect(run).rejects.toThrow(EditFailure)
    await expect(run).rejects.toThrow(
      /no file names ghcr\.io\/example-org\/cortex-dashboard-exporter \(scanned 1 files matching apps\/dashboard\/overlays\/staging\/\*\*\).*allow-unmatched/,
    )
    expect(snapshot(root)).toEqual(before)
  })

  it('only warns with allow-unmatched, and writes the rest', async () => {
    const root = platform()
    const { run, logger } = write(root, request(IMAGES, OVERLAY), true)
    const result = await run
    expect(result.plan.edits.map((e) => e.path)).toEqual([
      'apps/dashboard/overlays/staging/kustomization.yaml',
    ])
    expect(logger.at('warning')).toEqual([
      expect.stringMatching(/^no file names .*cortex-dashboard-exporter/),
    ])
    expect(
      snapshot(root).get('apps/dashboard/overlays/staging/kustomization.yaml'),
    ).toContain('    newTag: 2.1.1\n')
  })

  it('counts an image that a target uses as placed (README example)', async () => {
    const root = platform()
    const images = [
      { repository: PLATFORM_IMAGES.server('mcp-s3-storage'), tag: '1.4.1' },
    ]
    const edits = request(
      images,
      ['apps/*/overlays/staging/**', 'apps/mcp-orch/staging/**'],
      serverTarget('staging', 'mcp-s3-storage'),
    )
    const result = await write(root, edits, false).run
    expect(result.plan.edits.map((e) => e.path)).toEqual([
      'argocd/staging/mcp-servers.yaml',
    ])
  })
})
