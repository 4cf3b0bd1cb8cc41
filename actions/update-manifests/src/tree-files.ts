// Reading the files of the GitOps tree safely: only regular files inside
// the tree, only UTF-8 text, so that writing a file back can neither reach
// outside the repository nor damage bytes the edit never meant to touch.
import {
  accessSync,
  constants,
  lstatSync,
  readFileSync,
  realpathSync,
  writeFileSync,
} from 'node:fs'
import { join, sep } from 'node:path'

/** A file's text, or why it is left alone. */
export type TreeFile = { readonly text: string } | { readonly skip: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads `file` (relative to `root`) if it is safe to edit and write back. */
export function readTreeFile(root: string, file: string): TreeFile {
  const path = join(root, file)
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) {
    // Writing through a link edits its target, which may be anywhere, and
    // git commits the link, not the target.
    return { skip: 'a symbolic link; edit the file it points to instead' }
  }
  if (!stat.isFile()) return { skip: 'not a regular file' }
  const real = realpathSync(path)
  const top = realpathSync(root)
  if (!real.startsWith(top + sep)) {
    return { skip: 'reached through a linked folder outside the repository' }
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    return { skip: `cannot be read (${code})` }
  }
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    // Decoding would replace the bad bytes, and writing back would lose them.
    return { skip: 'not UTF-8 text' }
  }
}

/**
 * Writes every edited file, after checking that each one can be written:
 * a file owned by another user (left by a container step, say) stops the
 * run before any file changes, instead of half-way through.
 */
export function writeTreeFiles(
  root: string,
  edits: readonly { readonly path: string; readonly after: string }[],
): void {
  const locked = edits.filter((edit) => {
    try {
      accessSync(join(root, edit.path), constants.W_OK)
      return false
    } catch {
      return true
    }
  })
  if (locked.length > 0) {
    throw new TreeWriteError(
      `cannot write ${locked.map((e) => e.path).join(', ')} (permission ` +
        'denied); nothing was written. Check who owns the files: a ' +
        'container step may have left them owned by root',
    )
  }
  for (const edit of edits) writeFileSync(join(root, edit.path), edit.after)
}

/** Files that cannot be written; nothing was. */
export class TreeWriteError extends Error {
  override readonly name = 'TreeWriteError'
}
