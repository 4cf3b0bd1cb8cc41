// The files of the checked-out tree: every file git tracks, read from the
// working tree. Binaries (a NUL byte in the first 8 000 bytes, git's own
// test), symlinks, submodules and files over the size limit are skipped and
// counted, the large ones by name.
import { closeSync, openSync, readSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Git } from '../../../lib/git/index.js'

/** Files a scan passed over, and why. */
export interface Skipped {
  binary: number
  /** Over the size limit: path and size in bytes. */
  large: { path: string; bytes: number }[]
}

/** One file's text, as the scanner reads it. */
export interface TreeFile {
  readonly path: string
  readonly text: string
}

/** The bytes git reads to tell a binary file from a text file. */
const SNIFF = 8000

/** The tracked regular files under `cwd`, as repository paths. */
export async function trackedFiles(git: Git): Promise<string[]> {
  const listing = await git.run(['ls-files', '-z', '--stage'])
  const paths: string[] = []
  for (const entry of listing.stdout.split('\0')) {
    const tab = entry.indexOf('\t')
    if (tab < 0) continue
    // 120000 is a symlink and 160000 a submodule: no content of their own.
    const mode = entry.slice(0, 6)
    if (mode === '100644' || mode === '100755') paths.push(entry.slice(tab + 1))
  }
  return [...new Set(paths)]
}

/**
 * Reads one tracked file for the scan, or notes why it is skipped. A file
 * deleted from the working tree since the checkout is passed over.
 */
export function readTreeFile(
  root: string,
  path: string,
  maxBytes: number,
  skipped: Skipped,
): TreeFile | undefined {
  const file = join(root, path)
  let bytes: number
  try {
    const stats = statSync(file)
    if (!stats.isFile()) return undefined
    bytes = stats.size
  } catch {
    return undefined
  }
  if (bytes > maxBytes) {
    if (!isBinary(headOf(file))) skipped.large.push({ path, bytes })
    else skipped.binary += 1
    return undefined
  }
  const content = readFileSync(file)
  if (isBinary(content.subarray(0, SNIFF))) {
    skipped.binary += 1
    return undefined
  }
  return { path, text: content.toString('utf8') }
}

/** Whether bytes hold a NUL, which no text file has. */
export function isBinary(head: Uint8Array): boolean {
  return head.indexOf(0) >= 0
}

function headOf(file: string): Buffer {
  const buffer = Buffer.alloc(SNIFF)
  const fd = openSync(file, 'r')
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, SNIFF, 0))
  } finally {
    closeSync(fd)
  }
}
