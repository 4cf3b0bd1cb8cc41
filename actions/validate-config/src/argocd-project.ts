// Rules argocd-project and argocd-project-exists: what an AppProject lets
// its Applications pull from (sourceRepos) and deploy to (destinations),
// matched the way Argo CD matches them (./argocd-glob.ts).
import type { AppView, ViewProblem } from './argocd-apps.js'
import { sourcesOf } from './argocd-apps.js'
import { normaliseRepoUrl, permits } from './argocd-glob.js'
import { isTemplated } from './appset-render.js'
import type { Dict } from './yaml-source.js'
import { get, isDict, list, str } from './yaml-source.js'

// Argo CD's name for the cluster it runs in, and that cluster's API server.
const IN_CLUSTER = {
  name: 'in-cluster',
  server: 'https://kubernetes.default.svc',
}

/** Problems of an Application against the AppProjects of the set, by name. */
export function projectPermitProblems(
  view: AppView,
  projects: ReadonlyMap<string, unknown>,
): ViewProblem[] {
  const name = str(view.value, 'spec', 'project')
  if (name === undefined || isTemplated(name)) return []
  const project = projects.get(name)
  if (project === undefined) {
    // Argo CD creates `default`, which allows everything.
    if (name === 'default') return []
    return [
      {
        rule: 'argocd-project-exists',
        path: ['spec', 'project'],
        message: `project ${name} is not among the files checked, so its sources and destinations are not checked`,
      },
    ]
  }
  const problems: ViewProblem[] = []
  const repos = list(project, 'spec', 'sourceRepos').filter(
    (r): r is string => typeof r === 'string',
  )
  for (const [path, source] of sourcesOf(view.value)) {
    const repo = str(source, 'repoURL')
    if (repo === undefined || isTemplated(repo)) continue
    if (permits(repos, repo, normaliseRepoUrl)) continue
    problems.push({
      rule: 'argocd-project',
      path: [...path, 'repoURL'],
      message: `source ${repo} is not allowed by project ${name} (sourceRepos: ${repos.join(', ') || 'none'})`,
    })
  }
  const destination = get(view.value, 'spec', 'destination')
  if (!isDict(destination)) return problems
  const problem = destinationProblem(destination, project, name)
  if (problem !== undefined) problems.push(problem)
  return problems
}

function destinationProblem(
  destination: Dict,
  project: unknown,
  projectName: string,
): ViewProblem | undefined {
  const server = str(destination, 'server')
  const cluster = str(destination, 'name')
  const namespace = str(destination, 'namespace') ?? ''
  if ([server, cluster, namespace].some(isTemplated)) return undefined
  const entries = list(project, 'spec', 'destinations').filter(isDict)
  const bare = (p: string | undefined): string | undefined =>
    p?.replace(/^!/, '')
  // Whether an entry names the destination's cluster, by server or by name;
  // `in-cluster` and the in-cluster API server are the same cluster.
  const onCluster = (entry: Dict): boolean => {
    const s = bare(str(entry, 'server'))
    const n = bare(str(entry, 'name'))
    const servers = [
      server,
      cluster === IN_CLUSTER.name ? IN_CLUSTER.server : undefined,
    ]
    const names = [
      cluster,
      server === IN_CLUSTER.server ? IN_CLUSTER.name : undefined,
    ]
    return (
      (s !== undefined &&
        servers.some((v) => v !== undefined && permits([s], v))) ||
      (n !== undefined && names.some((v) => v !== undefined && permits([n], v)))
    )
  }
  const inNamespace = (entry: Dict): boolean =>
    permits([bare(str(entry, 'namespace')) ?? ''], namespace)
  const isDeny = (entry: Dict): boolean =>
    ['server', 'name', 'namespace'].some((key) =>
      str(entry, key)?.startsWith('!'),
    )
  const clusterOk = entries.some((e) => !isDeny(e) && onCluster(e))
  const allowed = entries.some(
    (e) => !isDeny(e) && onCluster(e) && inNamespace(e),
  )
  const denied = entries.some(
    (e) => isDeny(e) && onCluster(e) && inNamespace(e),
  )
  if (allowed && !denied) return undefined
  const where = `${server ?? cluster ?? '?'} namespace ${namespace || '(none)'}`
  const listed = entries
    .map((e) =>
      `${str(e, 'server') ?? str(e, 'name') ?? '?'} ${str(e, 'namespace') ?? ''}`.trim(),
    )
    .join('; ')
  const field = clusterOk
    ? 'namespace'
    : server !== undefined
      ? 'server'
      : 'name'
  return {
    rule: 'argocd-project',
    path: ['spec', 'destination', field],
    message: `destination ${where} is not allowed by project ${projectName} (destinations: ${listed || 'none'})`,
  }
}
