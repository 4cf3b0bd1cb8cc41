// The other pusher of CASES C72 a, played by a `pre-push` hook in our
// clone: while our push is under way it pushes a commit to origin's main
// from a second clone, so our push is rejected as a real race would be.
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GitRepo } from '../../../test/support/git-repo.js'

/**
 * Makes our clone's pre-push hook push a commit from a second clone, on the
 * first push only or on every one. The commit adds racer.txt, or `files`
 * when the test changed them in the returned clone first.
 */
export function racer(
  repo: GitRepo,
  every: boolean,
  files = 'racer.txt',
): GitRepo {
  const other = repo.cloneOrigin()
  const mark = join(repo.dir, 'raced')
  const hook = join(repo.workDir, '.git', 'hooks', 'pre-push')
  writeFileSync(
    hook,
    [
      '#!/bin/sh',
      'unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE',
      every ? '' : `[ -e '${mark}' ] && exit 0`,
      `touch '${mark}'`,
      `cd '${other.workDir}' || exit 1`,
      `date +%s%N >> racer.txt`,
      `git add ${files} && git commit -q -m 'chore: the other pusher' && git push -q origin HEAD:main`,
      '',
    ].join('\n'),
  )
  chmodSync(hook, 0o755)
  return other
}
