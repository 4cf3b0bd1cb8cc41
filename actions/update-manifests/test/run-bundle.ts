// Runs the built bundle, `node dist/update-manifests/index.js`, as a child
// process with the environment an Actions runner gives a step, in a clone
// of a temp origin. Shared by test/e2e/update-manifests*.test.ts.
import type { GitRepo } from '../../../test/support/git-repo.js'
import {
  bundlePath,
  expectSuccess as expectStageSuccess,
  requireBundle as requireStageBundle,
  runBundle as runStageBundle,
} from '../../../test/support/run-bundle.js'
import type { BundleRun } from '../../../test/support/run-bundle.js'

export type { BundleRun } from '../../../test/support/run-bundle.js'

/** The bundle under test, resolved from the repository root. */
export const UPDATE_MANIFESTS_BUNDLE = bundlePath('update-manifests')

/** Throws, naming the fix, when the bundle has not been built. */
export function requireBundle(): void {
  requireStageBundle('update-manifests')
}

/** Runs the bundle in the clone with these inputs and extra variables. */
export function runBundle(
  repo: GitRepo,
  inputs: Record<string, string>,
  vars: Record<string, string> = {},
): Promise<BundleRun> {
  return runStageBundle('update-manifests', {
    inputs,
    vars: {
      GITHUB_WORKSPACE: repo.workDir,
      GITHUB_REPOSITORY: 'example-org/cortex',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_ACTIONS: 'true',
      ...vars,
    },
    cwd: repo.workDir,
  })
}

/** Throws with the run's log when the bundle did not exit 0. */
export function expectSuccess(run: BundleRun): void {
  expectStageSuccess('update-manifests', run)
}
