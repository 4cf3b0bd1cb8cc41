// Who depends on whom in a lock: each requirement resolved the way Node
// finds a package (the nearest node_modules up the folder tree), workspace
// links followed to their folders, and paths from the project to a package
// for reports (`app > request > form-data@2.3.3`).
import type { LockPackage, NpmLock } from './lock-file.js'

/** Which edges to follow: devDependencies only of the project's own packages. */
export interface GraphOptions {
  readonly includeDev: boolean
}

/** Installed locations, each with the locations it requires. */
export type DependencyGraph = ReadonlyMap<string, readonly string[]>

/** Where `name`, required by the package at `from`, is installed. */
export function resolveRequire(
  lock: NpmLock,
  from: string,
  name: string,
): string | undefined {
  const parts = from === '' ? [] : from.split('/')
  for (let i = parts.length; i >= 0; i -= 1) {
    if (parts[i - 1] === 'node_modules') continue
    const dir = parts.slice(0, i).join('/')
    const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`
    const found = lock.packages.get(candidate)
    if (found !== undefined) return followLink(lock, found)
  }
  return undefined
}

function followLink(lock: NpmLock, pkg: LockPackage): string {
  if (!pkg.link || pkg.resolved === undefined) return pkg.location
  return lock.packages.has(pkg.resolved) ? pkg.resolved : pkg.location
}

/** Whether a location is one of the project's own packages (root, workspace). */
export function isOwnPackage(location: string): boolean {
  return !location.split('/').includes('node_modules')
}

/** Every package's resolved requirements. */
export function dependencyGraph(
  lock: NpmLock,
  options: GraphOptions,
): DependencyGraph {
  const graph = new Map<string, string[]>()
  for (const pkg of lock.packages.values()) {
    if (pkg.link) continue
    const names = Object.keys(pkg.requires)
    if (options.includeDev && isOwnPackage(pkg.location)) {
      names.push(...Object.keys(pkg.devRequires))
    }
    const targets = names
      .map((name) => resolveRequire(lock, pkg.location, name))
      .filter((to): to is string => to !== undefined && to !== pkg.location)
    graph.set(pkg.location, [...new Set(targets)])
  }
  return graph
}

/** The shortest chain of locations from the project to each package. */
export function shortestPaths(graph: DependencyGraph): Map<string, string[]> {
  const paths = new Map<string, string[]>([['', ['']]])
  const queue = ['']
  for (let i = 0; i < queue.length; i += 1) {
    const from = queue[i] ?? ''
    const path = paths.get(from) ?? []
    for (const to of graph.get(from) ?? []) {
      if (paths.has(to)) continue
      paths.set(to, [...path, to])
      queue.push(to)
    }
  }
  return paths
}

/**
 * Every chain of locations from the project to `target` that visits no
 * package twice, shortest first, at most `limit` of them. A package that
 * many others use can be reached in thousands of ways; the limit keeps a
 * report readable, and `truncated` says when it cut.
 */
export function allPaths(
  graph: DependencyGraph,
  target: string,
  limit: number,
): { paths: string[][]; truncated: boolean } {
  const parents = new Map<string, string[]>()
  for (const [from, tos] of graph) {
    for (const to of tos) parents.set(to, [...(parents.get(to) ?? []), from])
  }
  const paths: string[][] = []
  // Walks back from the target breadth first, so shorter chains come first;
  // the budget bounds the work on a graph with a great many chains.
  const budget = limit * 100
  let frontier: string[][] = [[target]]
  let explored = 0
  while (frontier.length > 0) {
    const next: string[][] = []
    for (const chain of frontier) {
      const head = chain[0] ?? ''
      if (head === '') {
        paths.push(chain)
        continue
      }
      for (const parent of parents.get(head) ?? []) {
        if (!chain.includes(parent)) next.push([parent, ...chain])
      }
    }
    explored += next.length
    if (paths.length >= limit || explored > budget) {
      return {
        paths: paths.slice(0, limit),
        truncated: paths.length > limit || next.length > 0,
      }
    }
    frontier = next
  }
  return { paths, truncated: false }
}

/** The names along a chain of locations, the project first. */
export function pathNames(lock: NpmLock, chain: readonly string[]): string[] {
  return chain.map((location) =>
    location === ''
      ? lock.rootName
      : (lock.packages.get(location)?.name ?? location),
  )
}

/** A chain as a report shows it: `app > request > form-data@2.3.3`. */
export function describePath(lock: NpmLock, chain: readonly string[]): string {
  const names = pathNames(lock, chain)
  const last = lock.packages.get(chain.at(-1) ?? '')
  if (chain.length > 1 && last?.version !== undefined) {
    names[names.length - 1] = `${last.name}@${last.version}`
  }
  return names.join(' > ')
}
