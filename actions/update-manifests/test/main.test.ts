import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { platformRepo, serverTarget } from './platform.js'
import type { StageRun } from './run-in-process.js'
import { expectOk, runUpdateManifests } from './run-in-process.js'

// main.ts in this process with a real runner environment, on a temp origin
// and clone holding examples/platform: outputs, the summary, the dry run's
// diff, write mode, and inputs refused before anything is touched.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function setup(): GitRepo {
  const repo = platformRepo()
  repos.push(repo)
  return repo
}

const KUSTOMIZATION = 'apps/dashboard/overlays/staging/kustomization.yaml'
const DASHBOARD = {
  images: 'ghcr.io/example-org/cortex-dashboard:2.1.1',
  files: 'apps/dashboard/overlays/staging/**',
}

function stage(repo: GitRepo, inputs: Record<string, string>) {
  return runUpdateManifests(inputs, { GITHUB_WORKSPACE: repo.workDir })
}

/** The diff a dry run printed, from `--- a/` to the outputs after it. */
function printedDiff(run: StageRun): string {
  const start = run.log.indexOf('--- a/')
  const end = run.log.indexOf('\nchanged = ', start)
  return `${run.log.slice(start, end)}\n`
}

/** What a run must leave alone when it changes nothing. */
function untouched(repo: GitRepo) {
  return {
    head: repo.head(),
    refs: repo.originRefs(),
    status: repo.git('status', '--porcelain'),
    file: repo.readFile(KUSTOMIZATION),
  }
}

describe('the update-manifests stage', () => {
  it('pushes one commit and sets every output', async () => {
    const repo = setup()
    const run = await stage(repo, DASHBOARD)
    expectOk(run)
    const sha = repo.originRefs()['refs/heads/main']?.sha ?? ''
    expect(run.outputs).toEqual({
      changed: 'true',
      files: JSON.stringify([KUSTOMIZATION]),
      changes: JSON.stringify([
        {
          file: KUSTOMIZATION,
          path: 'images[0].newTag',
          line: 13,
          old: '2.1.0',
          new: '2.1.1',
        },
      ]),
      'commit-sha': sha,
      branch: 'main',
      'pr-url': '',
      'pr-number': '',
      'dry-run': 'false',
    })
    expect(repo.git('log', '-1', '--format=%s%n%an <%ae>', sha)).toBe(
      'chore(deploy): set cortex-dashboard:2.1.1\n' +
        'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>',
    )
    expect(run.summary).toContain(
      `Pushed \`${sha.slice(0, 12)}\` to \`main\`, changing 1 file.`,
    )
    expect(run.summary).toContain(
      `| \`${KUSTOMIZATION}\` | 13 | \`images[0].newTag\` | \`2.1.0\` | \`2.1.1\` |`,
    )
    expect(run.log).toContain('commit-sha = ' + sha)
  })

  it('says so and sets changed to false when the files already hold the versions (C72 b)', async () => {
    const repo = setup()
    expectOk(await stage(repo, DASHBOARD))
    const before = untouched(repo)
    const again = await stage(repo, DASHBOARD)
    expectOk(again)
    expect(again.outputs).toMatchObject({
      changed: 'false',
      files: '[]',
      changes: '[]',
      'commit-sha': '',
      branch: 'main',
    })
    expect(again.summary).toMatch(/Already up to date: origin\/main already/)
    expect(untouched(repo)).toEqual(before)
  })

  it('prints the unified diff in a dry run and writes, commits and pushes nothing', async () => {
    const repo = setup()
    const before = untouched(repo)
    const run = await stage(repo, { ...DASHBOARD, 'dry-run': 'true' })
    expectOk(run)
    const diff = printedDiff(run)
    expect(diff).toMatch(
      new RegExp(
        `^--- a/${KUSTOMIZATION}\n\\+\\+\\+ b/${KUSTOMIZATION}\n@@ -11,3 \\+11,3 @@\n`,
      ),
    )
    expect(diff).toContain('\n-    newTag: 2.1.0\n+    newTag: 2.1.1\n')
    // What a reviewer could apply by hand, as git reads it.
    const patch = join(repo.dir, 'dry-run.patch')
    writeFileSync(patch, diff)
    expect(() => repo.git('apply', '--check', patch)).not.toThrow()
    expect(run.outputs).toMatchObject({
      changed: 'true',
      'commit-sha': '',
      'dry-run': 'true',
    })
    expect(run.summary).toContain(
      'Dry run: would change 1 file; nothing was written.',
    )
    expect(run.summary).toContain('```diff\n--- a/' + KUSTOMIZATION)
    expect(untouched(repo)).toEqual(before)
  })

  it('edits the files in place and commits nothing in write mode', async () => {
    const repo = setup()
    const head = repo.head()
    const refs = repo.originRefs()
    const targets = serverTarget('staging', 'mcp-s3-storage')
    const run = await stage(repo, {
      images: 'ghcr.io/example-org/mcp-s3-storage:1.4.1',
      files: 'apps/*/overlays/staging/**',
      targets,
      mode: 'write',
    })
    expectOk(run)
    expect(run.outputs).toMatchObject({
      changed: 'true',
      files: '["argocd/staging/mcp-servers.yaml"]',
      'commit-sha': '',
      branch: '',
    })
    expect(repo.head()).toBe(head)
    expect(repo.originRefs()).toEqual(refs)
    expect(repo.git('status', '--porcelain')).toBe(
      ' M argocd/staging/mcp-servers.yaml',
    )
    expect(repo.git('diff', '--unified=0')).toContain(
      "-            imageTag: '1.4.0'\n+            imageTag: '1.4.1'",
    )
    expect(run.summary).toContain(
      'Wrote 1 file in place; nothing was committed.',
    )
  })

  it("takes build-images' JSON output, adding the digest beside the tag", async () => {
    const repo = setup()
    const digest = `sha256:${'d'.repeat(64)}`
    const image = 'ghcr.io/example-org/cortex-dashboard'
    const run = await stage(repo, {
      ...DASHBOARD,
      images: JSON.stringify([
        { name: image, tags: [`${image}:2.1.1`, `${image}:latest`], digest },
      ]),
      mode: 'write',
    })
    expectOk(run)
    expect(repo.readFile(KUSTOMIZATION)).toMatch(
      new RegExp(`\\n    newTag: 2\\.1\\.1\\n    digest: ${digest}\\n$`),
    )
  })

  it('works in a checkout below the workspace, with paths relative to it', async () => {
    const repo = setup()
    const run = await runUpdateManifests(
      { ...DASHBOARD, 'working-directory': 'work' },
      { GITHUB_WORKSPACE: repo.dir },
    )
    expectOk(run)
    expect(run.outputs.files).toBe(JSON.stringify([KUSTOMIZATION]))
    expect(run.outputs['commit-sha']).toBe(
      repo.originRefs()['refs/heads/main']?.sha,
    )
  })

  it('pushes from a detached HEAD when the branch is given', async () => {
    const repo = setup()
    repo.checkout(repo.head())
    const run = await stage(repo, { ...DASHBOARD, branch: 'main' })
    expectOk(run)
    expect(run.outputs['commit-sha']).toBe(
      repo.originRefs()['refs/heads/main']?.sha,
    )
  })

  it('refuses a detached HEAD without a branch, naming the input', async () => {
    const repo = setup()
    repo.checkout(repo.head())
    const before = untouched(repo)
    const run = await stage(repo, DASHBOARD)
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      '::error::Configuration error: input \'branch\': got ""; expected a branch name: the checkout is on a detached HEAD',
    )
    expect(untouched(repo)).toEqual(before)
  })

  it('fails for an image no scanned file names, writing nothing', async () => {
    const repo = setup()
    const before = untouched(repo)
    const run = await stage(repo, {
      ...DASHBOARD,
      images: 'ghcr.io/example-org/cortex-dashboard-next:1.0.0',
    })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::no file names ghcr\.io\/example-org\/cortex-dashboard-next/,
    )
    expect(run.summary).toMatch(/\*\*Failed:\*\* no file names/)
    expect(untouched(repo)).toEqual(before)
  })

  it.each<[string, Record<string, string>, string]>([
    ['no images and no targets', { images: '' }, "input 'images'"],
    ['an invalid image', { images: 'ghcr.io//app:1' }, "input 'images'"],
    ['a name without tag', { images: 'ghcr.io/org/app' }, "input 'images'"],
    ['a bad target', { targets: '- file: a.yaml' }, "input 'targets'"],
    ['an unknown mode', { mode: 'merge' }, 'input \'mode\': got "merge"'],
    [
      'push-retries out of range',
      { 'push-retries': '99' },
      "input 'push-retries'",
    ],
    ['a dry-run word', { 'dry-run': 'maybe' }, "input 'dry-run'"],
    [
      'an allow-unmatched word',
      { 'allow-unmatched': 'sure' },
      "input 'allow-unmatched'",
    ],
    ['a bad branch name', { branch: 'a..b' }, 'input \'branch\': got "a..b"'],
    [
      'a bad pull request branch',
      { 'pr-branch': 'feature/' },
      "input 'pr-branch'",
    ],
    [
      'a repository without owner',
      { repository: 'cortex-gitops' },
      "input 'repository'",
    ],
    [
      'pull-request mode without a token',
      { mode: 'pull-request' },
      "input 'token'",
    ],
    [
      'a working directory that does not exist',
      { 'working-directory': 'nope' },
      "input 'working-directory'",
    ],
  ])(
    'refuses %s as a configuration error, touching nothing',
    async (_, inputs, named) => {
      const repo = setup()
      const before = untouched(repo)
      const run = await stage(repo, { ...DASHBOARD, ...inputs })
      expect(run.failed).toBe(true)
      expect(run.log).toContain(`::error::Configuration error: ${named}`)
      expect(run.outputs).toEqual({})
      expect(untouched(repo)).toEqual(before)
    },
  )
})
