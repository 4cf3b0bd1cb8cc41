// Commits the planned YAML edits and pushes them through lib/gitops, which
// plans the edit again on the remote's tip for every attempt, so a push
// that lost a race (CASES C72 a) re-applies it on what the other pusher
// wrote.
import type { Git } from '../../../lib/git/index.js'
import {
  pushChange,
  type PushOutcome as ChangeOutcome,
  type PushTarget,
} from '../../../lib/gitops/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { EditPlan } from './file-edits.js'
import { writeTreeFiles } from './tree-files.js'

export { PushFailure, type PushTarget } from '../../../lib/gitops/index.js'

/** What a push run did. */
export type PushOutcome = ChangeOutcome<EditPlan>

/**
 * Fetches `branch`, checks it out at the remote's tip, plans the edits,
 * commits them with `message(plan)` and pushes; a rejected push fetches
 * again and starts over, up to `retries` more times. `planOnly` stops after
 * planning on the tip.
 */
export function commitAndPush(
  git: Git,
  target: PushTarget,
  plan: () => Promise<EditPlan>,
  message: (plan: EditPlan) => string,
  logger: Logger,
  options: { readonly planOnly?: boolean } = {},
): Promise<PushOutcome> {
  return pushChange(
    git,
    target,
    {
      what: 'the edit',
      plan: () => plan(),
      isEmpty: (edits) => edits.edits.length === 0,
      commit: async (edits) => {
        writeTreeFiles(git.cwd, edits.edits)
        await git.run(['add', '--', ...edits.edits.map((e) => e.path)])
        await git.run(['commit', '--no-verify', '-q', '-F', '-'], {
          input: message(edits),
        })
      },
    },
    logger,
    options,
  )
}

/** The files git tracks below the clone's folder, as planEdits names them. */
export async function trackedFiles(git: Git): Promise<Set<string>> {
  const listed = await git.text(['ls-files', '-z'])
  return new Set(listed.split('\0').filter((file) => file !== ''))
}
