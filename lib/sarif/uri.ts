// Repository-relative URIs for SARIF locations. Code scanning resolves a
// relative URI against the checkout and drops a result whose URI is absolute,
// a `file://` URL or climbs out with `..`, so none of those is ever written.
import { isAbsolute, relative, sep } from 'node:path'

/**
 * `path` as a repository-relative POSIX URI. Absolute paths must lie in
 * `workspace`; a path outside it, or one with a `..` part, is an Error,
 * since code scanning could not show it.
 */
export function repoUri(path: string, workspace?: string): string {
  let rel = path
  if (isAbsolute(path)) {
    if (workspace === undefined) {
      throw new Error(`absolute path ${path} without a workspace`)
    }
    rel = relative(workspace, path)
    if (isAbsolute(rel) || rel.split(sep)[0] === '..') {
      throw new Error(`${path} is outside the workspace ${workspace}`)
    }
  }
  const parts = rel
    .split(sep)
    .join('/')
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
  if (parts.includes('..')) {
    throw new Error(`${path} climbs out of the repository with ..`)
  }
  if (parts.length === 0) throw new Error(`${path} names no file`)
  return parts.map((part) => encodeURIComponent(part)).join('/')
}
