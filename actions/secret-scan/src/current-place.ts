// Where a secret a commit added is now: at the same path, or, after a
// rename or a copy, in another tracked file. Undefined when it is only in
// history.
import { execFileSync } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Candidate } from './collect.js'

/** The place a secret is at in the working tree. */
export interface Place {
  path: string
  text: string
  line: number
  column: number
  lineText: string
}

/** Where `candidate`'s secret is in the tree now, if it still is. */
export function currentPlace(
  root: string,
  candidate: Candidate,
  maxBytes: number,
):
  | {
      path: string
      text: string
      line: number
      column: number
      lineText: string
    }
  | undefined {
  const here = placeIn(root, candidate.path, candidate.secret, maxBytes)
  if (here !== undefined) return { path: candidate.path, ...here }
  // Moved since (a rename, a copy): still in the tree, under another name.
  for (const path of trackedFilesHolding(root, candidate.secret)) {
    const there = placeIn(root, path, candidate.secret, maxBytes)
    if (there !== undefined) return { path, ...there }
  }
  return undefined
}

// The tracked files that hold `secret`, by git grep with the pattern on
// standard input, so the secret never appears in a process's arguments.
function trackedFilesHolding(root: string, secret: string): string[] {
  try {
    return execFileSync('git', ['grep', '-l', '-z', '-F', '-f', '-'], {
      cwd: root,
      input: `${secret}\n`,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'ignore'],
    })
      .split('\0')
      .filter((path) => path !== '')
  } catch {
    // git grep exits 1 when nothing matches.
    return []
  }
}

function placeIn(
  root: string,
  path: string,
  secret: string,
  maxBytes: number,
):
  { text: string; line: number; column: number; lineText: string } | undefined {
  const file = join(root, path)
  try {
    if (statSync(file).size > maxBytes) return undefined
    const text = readFileSync(file, 'utf8')
    const at = text.indexOf(secret)
    if (at < 0) return undefined
    const start = text.lastIndexOf('\n', at - 1) + 1
    const end = text.indexOf('\n', at)
    const lineText = text
      .slice(start, end < 0 ? text.length : end)
      .replace(/\r$/, '')
    return {
      text,
      line: lineOf(text, secret),
      column: at - start + 1,
      lineText,
    }
  } catch {
    return undefined
  }
}

/** The 1-based line of the first occurrence of `needle`. */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle)
  let line = 1
  for (
    let i = text.indexOf('\n');
    i >= 0 && i < at;
    i = text.indexOf('\n', i + 1)
  )
    line += 1
  return line
}
