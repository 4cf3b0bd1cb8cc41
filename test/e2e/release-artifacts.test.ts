import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BundleRun, ReleaseFixture, ReleaseState } from './run-bundle.js'
import type { GitHubApi } from '../support/github-api.js'
import { startGitHubApi } from '../support/github-api.js'
import {
  ARTIFACT_INPUTS,
  E2E_REPOSITORY,
  E2E_TOKEN,
  expectSuccess,
  freshCheckout,
  leakedToken,
  releaseState,
  requireBundle,
  seedService,
  startFixture,
} from './run-bundle.js'

// The bundle on a feature release with artifacts (CASES.md C65, C66, C68):
// what GitHub lists and serves, and re-runs after a failed upload.

const ASSETS = [
  'app-darwin-arm64.tar.gz',
  'app-linux-amd64.tar.gz',
  'scope-pkg-1.5.0.tgz',
  'SHA256SUMS',
]

/** Fails only the n-th request whose path matches `pattern`. */
class NthMatch extends RegExp {
  private seen = 0
  constructor(
    pattern: RegExp,
    private readonly nth: number,
  ) {
    super(pattern.source, pattern.flags)
  }
  override test(text: string): boolean {
    if (!super.test(text)) return false
    this.seen += 1
    return this.seen === this.nth
  }
}

const UPLOAD = /^\/uploads\/repos\/org\/svc\/releases\/\d+\/assets$/

interface AssetJson {
  name: string
  browser_download_url: string
}

/** Downloads every asset of the tag as a person would, into a temp folder. */
async function download(fx: ReleaseFixture, tag: string): Promise<string> {
  const res = await fetch(
    `${fx.api.url}/repos/${E2E_REPOSITORY}/releases/tags/${tag}`,
    { headers: { authorization: `token ${E2E_TOKEN}` } },
  )
  const release = (await res.json()) as { assets: AssetJson[] }
  const dir = mkdtempSync(join(tmpdir(), 'cortex-e2e-download-'))
  for (const asset of release.assets) {
    const file = await fetch(asset.browser_download_url)
    expect(file.status).toBe(200)
    writeFileSync(join(dir, asset.name), Buffer.from(await file.arrayBuffer()))
  }
  return dir
}

describe('a feature release with artifacts', () => {
  // One stand-in for every run here, so links in the notes (and so the
  // npm tarball's CHANGELOG.md) are the same bytes in each run.
  let api: GitHubApi
  let fx: ReleaseFixture
  let run: BundleRun
  let reference: ReleaseState

  beforeAll(async () => {
    requireBundle()
    api = await startGitHubApi({ token: E2E_TOKEN })
    fx = await startFixture(api)
    seedService(fx.repo)
    run = await fx.release({ ...ARTIFACT_INPUTS, 'api-retries': '0' })
    reference = releaseState(fx, 'v1.5.0', '1.5.0')
  })
  afterAll(async () => {
    await fx?.close()
    await api?.close()
  })

  it('releases 1.5.0 in one commit that changes only the version files and the changelog (C68)', () => {
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ version: '1.5.0', bump: 'minor' })
    const sha = run.outputs['commit-sha'] ?? ''
    const refs = fx.repo.originRefs()
    expect(refs['refs/tags/v1.5.0']?.commit).toBe(sha)
    expect(refs['refs/heads/main']?.sha).toBe(sha)
    const changed = fx.repo.run(['show', '--format=%s', '--name-only', sha], {
      cwd: fx.repo.originDir,
    })
    expect(changed.split('\n').filter(Boolean)).toEqual([
      'chore(release): 1.5.0',
      'CHANGELOG.md',
      'package-lock.json',
      'package.json',
    ])
  })

  it('uploads the assets under the names GitHub lists, SHA256SUMS last', () => {
    const release = fx.api.state.repo(E2E_REPOSITORY).releaseByTag('v1.5.0')
    expect(release?.assets.map((a) => a.name).sort()).toEqual(
      [...ASSETS].sort(),
    )
    // Sent as GitHub stores them, so SHA256SUMS names what people download.
    const sent = fx.api.requests
      .filter((r) => UPLOAD.test(r.path))
      .map((r) => r.query.name)
    expect(sent).toEqual(release?.assets.map((a) => a.name))
    expect(sent.at(-1)).toBe('SHA256SUMS')
  })

  it('writes SHA256SUMS that `sha256sum -c` accepts for the downloaded assets (C66)', async () => {
    const dir = await download(fx, 'v1.5.0')
    try {
      const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
      expect(sums).toMatch(/^([0-9a-f]{64} {2}[\w.+-]+\n){3}$/)
      const said = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
        cwd: dir,
        encoding: 'utf8',
      })
      expect(said.split('\n').filter(Boolean).sort()).toEqual(
        ASSETS.filter((a) => a !== 'SHA256SUMS').map((a) => `${a}: OK`),
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('shows the token nowhere', () => {
    expect(leakedToken(run)).toEqual([])
  })

  describe('re-runs after a fault', () => {
    it('replaces what a failed upload left, ending as an uninterrupted run (C65)', async () => {
      const other = await startFixture(api)
      try {
        const start = seedService(other.repo)
        other.api.faults.inject(
          { method: 'POST', path: new NthMatch(UPLOAD, 2) },
          { status: 500 },
        )
        const first = await other.release({
          ...ARTIFACT_INPUTS,
          'api-retries': '0',
        })
        expect(first.exitCode).not.toBe(0)
        expect(first.stdout).toMatch(/::error::uploading \S+ to v1.5.0 failed/)
        const partial = releaseState(other, 'v1.5.0', '1.5.0').assets
        expect(partial).toHaveLength(1)

        freshCheckout(other.repo, start, 'v1.5.0')
        const from = other.api.requests.length
        const second = await other.release({
          ...ARTIFACT_INPUTS,
          'api-retries': '0',
        })
        expectSuccess(second)
        expect(second.outputs).toMatchObject({
          released: 'true',
          version: '1.5.0',
        })
        const deleted = other.writes(from).filter((r) => r.method === 'DELETE')
        expect(deleted).toHaveLength(1)
        expect(releaseState(other, 'v1.5.0', '1.5.0')).toEqual(reference)
      } finally {
        await other.close()
      }
    })

    it('refuses to replace an asset of an immutable release, saying to cut a new version (C65)', async () => {
      const other = await startFixture(api)
      try {
        const start = seedService(other.repo)
        // An earlier run pushed v1.5.0; its release was published immutable
        // with one asset and no SHA256SUMS.
        expectSuccess(await other.release({ 'github-release': 'false' }))
        const repo = other.api.state.repo(E2E_REPOSITORY)
        repo.seedRelease({
          tag_name: 'v1.5.0',
          immutable: true,
          assets: [
            {
              id: other.api.state.nextId(),
              name: 'app-darwin-arm64.tar.gz',
              label: null,
              content_type: 'application/octet-stream',
              data: Buffer.from('darwin build\n'),
              download_count: 0,
              created_at: other.api.state.timestamp(),
            },
          ],
        })
        freshCheckout(other.repo, start, 'v1.5.0')
        const run = await other.release({
          ...ARTIFACT_INPUTS,
          'api-retries': '0',
        })
        expect(run.exitCode).not.toBe(0)
        const error = run.stdout
          .split('\n')
          .filter((line) => line.startsWith('::error'))
        expect(error).toHaveLength(1)
        expect(error[0]).toMatch(/immutable/)
        expect(error[0]).toMatch(/cut a new version/)
        expect(error[0]).not.toMatch(/422|Validation Failed/)
        expect(repo.releaseByTag('v1.5.0')?.assets).toHaveLength(1)
      } finally {
        await other.close()
      }
    })
  })
})
