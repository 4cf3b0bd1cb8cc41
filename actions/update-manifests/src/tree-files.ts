// Reading the files of the GitOps tree safely: only regular files inside
// the tree, only UTF-8 text, so that writing a file back can neither reach
// outside the repository nor damage bytes the edit never meant to touch.
import { lstatSync, readFileSync, realpathSync } from 'node:fs'
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
  const bytes = readFileSync(path)
  try {
    return { text: utf8.decode(bytes) }
  } catch {
    // Decoding would replace the bad bytes, and writing back would lose them.
    return { skip: 'not UTF-8 text' }
  }
}
