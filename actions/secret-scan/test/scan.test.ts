import { symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import type { EventContext } from '../src/scan-plan.js'
import type { ScanReport, ScanSettings } from '../src/scan.js'
import { scanSecrets } from '../src/scan.js'
import { NOTHING_IGNORED, parseIgnoreFile } from '../src/suppressions.js'
import { fakeTokens } from './tokens.js'

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const tokens = fakeTokens(3)
const GITHUB = tokens['github-token'] ?? ''
const NPM = tokens['npm-token'] ?? ''
const SETTINGS: ScanSettings = {
  plan: { history: false },
  maxFileBytes: 64 * 1024,
  ignore: NOTHING_IGNORED,
  baseline: new Set(),
}
const TREE: EventContext = { eventName: 'schedule', payload: {} }
const HISTORY: ScanSettings = { ...SETTINGS, plan: { history: true } }

function repoWith(files: Record<string, string>): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('feat: files', files)
  return repo
}

function scan(
  repo: GitRepo,
  settings = SETTINGS,
  ctx = TREE,
): Promise<ScanReport> {
  return scanSecrets(settings, ctx, {
    git: new Git(repo.workDir),
    logger: new MemoryLogger(),
  })
}

const places = (report: ScanReport): string[] =>
  report.findings.map(
    (f) =>
      `${f.path}:${f.line}:${f.column} ${f.rule.id} ${f.status}${f.inTree ? '' : ' history'}`,
  )

describe('scanSecrets on the tree', () => {
  it('skips binaries, lists files over the limit and follows no symlink', async () => {
    const repo = repoWith({
      'a.env': `T=${GITHUB}\n`,
      'logo.bin': `\u0000PNG ${NPM}`,
      'big.txt': `${'x'.repeat(70 * 1024)}\nN=${NPM}\n`,
    })
    symlinkSync('/etc/hostname', join(repo.workDir, 'link'))
    repo.run(['add', 'link'])
    repo.commit('chore: link')
    const report = await scan(repo)
    expect(places(report)).toEqual(['a.env:1:3 github-token new'])
    expect(report.coverage.skipped).toEqual({
      binary: 1,
      large: [{ path: 'big.txt', bytes: 70 * 1024 + 44 }],
    })
  })

  it('finds a secret in the middle of a minified line and shows a short snippet', async () => {
    const code = `${'var a=1;'.repeat(20_000)}var k="${GITHUB}";${'b();'.repeat(20_000)}`
    const report = await scan(repoWith({ 'dist/app.min.js': code }), {
      ...SETTINGS,
      maxFileBytes: 1024 * 1024,
    })
    expect(places(report)).toEqual([
      'dist/app.min.js:1:160008 github-token new',
    ])
    expect(report.findings[0]?.snippet.length).toBeLessThan(130)
  })

  it('keeps a fingerprint when the secret moves to another line', async () => {
    const repo = repoWith({ 'a.env': `T=${GITHUB}\n` })
    const before = (await scan(repo)).findings[0]?.fingerprint
    repo.commit('chore: move', { 'a.env': `# moved\n\nT=${GITHUB}\n` })
    const after = await scan(repo)
    expect(places(after)).toEqual(['a.env:3:3 github-token new'])
    expect(after.findings[0]?.fingerprint).toBe(before)
  })

  it('ignores a whole rule named in the ignore file', async () => {
    const repo = repoWith({ 'a.env': `T=${GITHUB}\nN=${NPM}\n` })
    const ignore = parseIgnoreFile('rule:npm-token\n', ['npm-token'])
    const report = await scan(repo, { ...SETTINGS, ignore })
    expect(places(report)).toEqual([
      'a.env:1:3 github-token new',
      'a.env:2:3 npm-token ignored',
    ])
  })
})

describe('scanSecrets on commits', () => {
  it('reads paths with spaces and unusual characters', async () => {
    const repo = repoWith({
      'docs/my notes.md': `x\nT=${GITHUB}\n`,
      'café.txt': `N=${NPM}`,
    })
    const report = await scan(repo, HISTORY)
    expect(places(report).sort()).toEqual([
      'café.txt:1:3 npm-token new',
      'docs/my notes.md:2:3 github-token new',
    ])
  })

  it('reports a secret added twice once, where it is now', async () => {
    const repo = repoWith({ 'a.env': `T=${GITHUB}\n` })
    repo.commit('chore: copy', { 'a.env': `# header\nT=${GITHUB}\n` })
    const report = await scan(repo, HISTORY)
    expect(places(report)).toEqual(['a.env:2:3 github-token new'])
  })

  it('honours an allow comment in the commit that added a secret since deleted', async () => {
    const repo = repoWith({
      'old.md': `<!-- secretlint-disable-next-line -->\nT=${GITHUB}\n`,
    })
    repo.commit('chore: drop', { 'old.md': null })
    const report = await scan(repo, HISTORY)
    expect(places(report)).toEqual(['old.md:2:3 github-token allowed history'])
    expect(report.findings[0]?.reason).toBe(
      'allowed by secretlint-disable-next-line on the line before',
    )
  })

  it('says which commits it reads', async () => {
    const repo = repoWith({ 'a.txt': 'a' })
    const logger = new MemoryLogger()
    await scanSecrets(HISTORY, TREE, { git: new Git(repo.workDir), logger })
    expect(logger.at('info')).toEqual([
      "scanning every commit of HEAD's history, 1 commit",
    ])
  })
})
