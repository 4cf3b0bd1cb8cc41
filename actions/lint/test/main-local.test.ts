import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { runInProcess } from '../../../test/support/run-in-process.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

// main.ts on a laptop: no GITHUB_EVENT_NAME, a real git repository with a
// feature branch, its added lines read from `git diff origin/main...HEAD`.

const repos: GitRepo[] = []
let savedEvent: string | undefined
beforeEach(() => {
  // The suite may itself run inside GitHub Actions.
  savedEvent = process.env['GITHUB_EVENT_NAME']
  delete process.env['GITHUB_EVENT_NAME']
})
afterEach(() => {
  if (savedEvent !== undefined) process.env['GITHUB_EVENT_NAME'] = savedEvent
  for (const repo of repos.splice(0)) repo.cleanup()
})

const APP = ['export function start(): void {', '  run()', '}', ''].join('\n')

/** origin/main with src/app.ts, and a branch feat/greeting on top of it. */
function featureBranch(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('chore: start', {
    'src/app.ts': APP,
    'src/old.ts': 'export const old = 1\n',
    'src/name.ts': 'export const name = "x"\n',
  })
  repo.push()
  repo.branch('feat/greeting')
  repo.checkout('feat/greeting')
  repo.commit(
    'feat(app): greet the user\n\nSays hello to the user by name.\nFixes #3',
    {
      'src/app.ts': APP.replace(
        '  run()',
        '  run()\n  // console.log(1)\n  console.log("hello")',
      ),
      'src/app.test.ts': 'console.log("in a test")\n',
      'scripts/dev.js': 'console.log("a script")\n',
      'src/odd "name".ts': 'debugger\n',
      'src/logo.js': 'GIF89a\u0000\u0001console.log(1)\n',
      'src/old.ts': null,
    },
  )
  repo.run(['mv', 'src/name.ts', 'src/renamed.ts'])
  repo.commit('refactor: rename')
  return repo
}

function lintLocally(
  repo: GitRepo,
  inputs: Record<string, string> = {},
): Promise<StageRun> {
  return runInProcess(
    run,
    { 'base-ref': 'origin/main', ...inputs },
    { GITHUB_WORKSPACE: repo.workDir },
  )
}

describe('the lint stage on a laptop', () => {
  it('checks the branch from git: title, branch name and added lines', async () => {
    const repo = featureBranch()
    const step = await lintLocally(repo, {
      'branch-pattern': '^(feat|fix)/[a-z-]+$',
    })
    expect(step.log).toContain(
      'no GITHUB_EVENT_NAME: checking the local branch against origin/main',
    )
    expect(step.outputs).toMatchObject({
      type: 'feat',
      scope: 'app',
      status: 'failed',
    })
    expect(JSON.parse(step.outputs['findings'] ?? '')).toEqual([
      expect.objectContaining({
        check: 'added-lines',
        file: 'src/app.ts',
        line: 4,
      }),
      expect.objectContaining({
        check: 'added-lines',
        file: 'src/odd "name".ts',
        line: 1,
      }),
    ])
    expect(JSON.parse(step.outputs['unchecked-files'] ?? '')).toEqual([
      'src/logo.js',
    ])
    expect(step.log).toContain('branch: feat/greeting')
    expect(step.summary).toContain(
      '- branch feat/greeting "feat(app): greet the user": ✗ 2 problems',
    )
  })

  it('takes title, description and branch from inputs when given', async () => {
    const repo = featureBranch()
    const step = await lintLocally(repo, {
      title: 'fix(): greet',
      description: '<!-- nothing yet -->',
      'head-ref': 'Greeting',
      'branch-pattern': '^(feat|fix)/',
      checks: 'title, description, branch',
    })
    const messages = (
      JSON.parse(step.outputs['findings'] ?? '') as { message: string }[]
    ).map((f) => f.message)
    expect(messages).toEqual([
      'empty scope',
      'the description is empty',
      'branch `Greeting` does not match the pattern ^(feat|fix)/',
    ])
  })

  it('skips the branch check on a detached HEAD', async () => {
    const repo = featureBranch()
    repo.checkout(repo.head())
    const step = await lintLocally(repo, {
      'branch-pattern': '^feat/',
      checks: 'title, branch',
    })
    expect(step.failed).toBe(false)
    expect(step.summary).toContain(
      'skipped branch: HEAD is detached, so there is no branch',
    )
  })

  it('finds nothing to check on a branch without commits', async () => {
    const repo = createRepo()
    repos.push(repo)
    repo.commit('chore: start', { 'a.ts': 'export {}\n' })
    repo.push()
    const step = await lintLocally(repo, { checks: 'title, added-lines' })
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      'no commits after origin/main, and no title input',
    )
    expect(JSON.parse(step.outputs['findings'] ?? '')).toEqual([
      { check: 'title', message: 'empty title' },
    ])
  })

  it('names base-ref when git cannot resolve it', async () => {
    const repo = featureBranch()
    const step = await lintLocally(repo, { 'base-ref': 'upstream/trunk' })
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      '::error::Configuration error: input \'base-ref\': got "upstream/trunk"; expected a branch, tag or commit that git can resolve in',
    )
  })
})
