// Rules argocd-shape and argocd-sync-wave: Applications, ApplicationSets
// and AppProjects with the fields Argo CD needs, and sync waves it can read.
// An Application is checked as written; an ApplicationSet's template once
// per list element, rendered (./appset-render.ts).
import { syncWave } from '../../../lib/argocd/index.js'
import { SYNC_WAVE_ANNOTATION } from '../../../lib/argocd/index.js'
import type { RuleId } from './rules.js'
import { isTemplated } from './appset-render.js'
import type { Path } from './yaml-source.js'
import { get, isDict, list, str } from './yaml-source.js'

/** An Application, or an ApplicationSet's template for one element. */
export interface AppView {
  /** `Application cortex-dashboard`, `ApplicationSet cortex-mcp-servers`. */
  readonly label: string
  /** The Application-shaped value: metadata and spec. */
  readonly value: unknown
  /** Where that value is in its document: [] or ['spec', 'template']. */
  readonly base: Path
  /** The list element it was rendered for. */
  readonly element?: string
}

/** A problem of a view, at a path relative to the view. */
export interface ViewProblem {
  readonly rule: RuleId
  readonly path: Path
  readonly message: string
}

/** argocd-shape problems of an Application's spec. */
export function appSpecProblems(view: AppView): ViewProblem[] {
  const problems: ViewProblem[] = []
  const report = (path: Path, message: string): void => {
    problems.push({ rule: 'argocd-shape', path, message })
  }
  const spec = get(view.value, 'spec')
  if (!isDict(spec)) {
    report([], 'spec is missing')
    return problems
  }
  if (typeof spec['project'] !== 'string' || spec['project'] === '') {
    report(['spec'], 'spec.project is missing')
  }
  const destination = spec['destination']
  if (!isDict(destination)) report(['spec'], 'spec.destination is missing')
  else if (
    destination['server'] !== undefined &&
    destination['name'] !== undefined
  ) {
    report(
      ['spec', 'destination'],
      'spec.destination sets server and name; set one',
    )
  } else if (
    destination['server'] === undefined &&
    destination['name'] === undefined
  ) {
    report(
      ['spec', 'destination'],
      'spec.destination sets neither server nor name',
    )
  }
  const hasSource = spec['source'] !== undefined
  const sources = spec['sources']
  if (hasSource && sources !== undefined) {
    report(
      ['spec', 'sources'],
      'set spec.source or spec.sources, not both: Argo CD ignores spec.source',
    )
  } else if (!hasSource && (!Array.isArray(sources) || sources.length === 0)) {
    report(['spec'], 'spec.source or spec.sources is missing')
  }
  for (const [path, source] of sourcesOf(view.value)) {
    if (str(source, 'repoURL') === undefined)
      report(path, `${path.join('.')}.repoURL is missing`)
  }
  list(spec, 'syncPolicy', 'syncOptions').forEach((option, i) => {
    if (typeof option !== 'string' || !option.includes('=')) {
      report(
        ['spec', 'syncPolicy', 'syncOptions', i],
        `sync option ${JSON.stringify(option)} is not Name=value`,
      )
    }
  })
  return problems
}

/** The sources of an Application, with their paths. */
export function sourcesOf(value: unknown): [Path, unknown][] {
  const sources = get(value, 'spec', 'sources')
  if (Array.isArray(sources))
    return sources.map((s, i) => [['spec', 'sources', i], s])
  const source = get(value, 'spec', 'source')
  return source === undefined ? [] : [[['spec', 'source'], source]]
}

/** argocd-shape problems of an ApplicationSet itself (not its template's spec). */
export function appSetProblems(value: unknown): ViewProblem[] {
  const problems: ViewProblem[] = []
  const report = (path: Path, message: string): void => {
    problems.push({ rule: 'argocd-shape', path, message })
  }
  const generators = get(value, 'spec', 'generators')
  if (!Array.isArray(generators) || generators.length === 0) {
    report(['spec'], 'spec.generators is missing or empty')
  }
  const goTemplate = get(value, 'spec', 'goTemplate')
  if (goTemplate !== undefined && typeof goTemplate !== 'boolean') {
    report(['spec', 'goTemplate'], 'spec.goTemplate is true or false')
  }
  const template = get(value, 'spec', 'template')
  if (!isDict(template)) report(['spec'], 'spec.template is missing')
  else if (get(template, 'metadata', 'name') === undefined) {
    report(
      ['spec', 'template', 'metadata'],
      'spec.template.metadata.name is missing',
    )
  }
  return problems
}

/** argocd-shape problems of an AppProject. */
export function projectProblems(value: unknown): ViewProblem[] {
  const problems: ViewProblem[] = []
  const report = (path: Path, message: string): void => {
    problems.push({ rule: 'argocd-shape', path, message })
  }
  const repos = get(value, 'spec', 'sourceRepos')
  if (!Array.isArray(repos) || repos.length === 0) {
    report(
      ['spec'],
      'spec.sourceRepos is missing or empty: the project allows no source',
    )
  } else {
    repos.forEach((repo, i) => {
      if (typeof repo !== 'string')
        report(['spec', 'sourceRepos', i], 'a source repository is a string')
    })
  }
  const destinations = get(value, 'spec', 'destinations')
  if (!Array.isArray(destinations) || destinations.length === 0) {
    report(
      ['spec'],
      'spec.destinations is missing or empty: the project allows no destination',
    )
  } else {
    destinations.forEach((d, i) => {
      if (
        !isDict(d) ||
        (d['server'] === undefined && d['name'] === undefined)
      ) {
        report(
          ['spec', 'destinations', i],
          'a destination needs server or name',
        )
      }
    })
  }
  return problems
}

/**
 * argocd-sync-wave problems of the metadata at `metadata`: the annotation
 * must be a whole number, as Argo CD reads it with strconv.Atoi.
 */
export function waveProblems(value: unknown, metadata: Path): ViewProblem[] {
  const annotations = get(value, ...metadata, 'annotations')
  if (!isDict(annotations)) return []
  const wave = annotations[SYNC_WAVE_ANNOTATION]
  if (wave === undefined || isTemplated(wave)) return []
  try {
    syncWave({ metadata: { annotations } })
    return []
  } catch {
    return [
      {
        rule: 'argocd-sync-wave',
        path: [...metadata, 'annotations', SYNC_WAVE_ANNOTATION],
        message: `sync wave ${JSON.stringify(wave)} is not a whole number`,
      },
    ]
  }
}
