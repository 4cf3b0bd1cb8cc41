// Where in Git an application's manifests live: spec.source, or each of
// spec.sources, by repository URL and path. A source without a path (a
// Helm chart from a chart repository) has nothing to revert in Git.
import type { Application } from '../../../lib/argocd/index.js'

/** One Git source of an application. */
export interface GitSource {
  repoURL: string
  /** From the repository's top, without `./` or a trailing `/`; `.` for all of it. */
  path: string
}

/** The sources of `app` that name a path in a Git repository. */
export function gitSources(app: Application): GitSource[] {
  const spec = field(app, 'spec')
  const many = field(spec, 'sources')
  const sources = Array.isArray(many) ? many : [field(spec, 'source')]
  return sources.flatMap((source: unknown): GitSource[] => {
    const path = field(source, 'path')
    if (typeof path !== 'string') return []
    const repoURL = field(source, 'repoURL')
    return [
      {
        repoURL: typeof repoURL === 'string' ? repoURL : '',
        path: normalPath(path),
      },
    ]
  })
}

/** A path as git compares it: no `./`, no trailing `/`, `.` for the top. */
export function normalPath(path: string): string {
  const parts = path
    .trim()
    .split('/')
    .filter((p) => p !== '' && p !== '.')
  return parts.length === 0 ? '.' : parts.join('/')
}

/**
 * A repository URL reduced to host and path, so that the https, ssh and
 * scp-like forms of one repository compare equal.
 */
export function sameRepository(a: string, b: string): boolean {
  return repositoryKey(a) === repositoryKey(b)
}

function repositoryKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/^([^/:]+):(?!\d)/, '$1/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return undefined
  }
  return (value as Record<string, unknown>)[key]
}
