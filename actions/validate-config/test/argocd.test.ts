// The Argo CD rules on Applications, ApplicationSets and AppProjects
// written here, and the glob and template rules beneath them.
import { describe, expect, it } from '@jest/globals'
import { argoGlobMatch, normaliseRepoUrl, permits } from '../src/argocd-glob.js'
import { argoFindings } from '../src/argocd.js'
import { renderString } from '../src/appset-render.js'
import { docsFrom } from './docs.js'

describe('argoGlobMatch', () => {
  it.each([
    ['cortex-*', 'cortex-mcp', true],
    ['cortex-*', 'kube-system', false],
    [
      'https://github.com/example-org/*',
      'https://github.com/example-org/a/b',
      true,
    ],
    ['team-?', 'team-a', true],
    ['team-[ab]', 'team-c', false],
    ['{dev,prod}-*', 'prod-eu', true],
    ['*', '', true],
    ['a.b', 'axb', false],
  ])('%s matches %s: %s', (pattern, value, expected) => {
    expect(argoGlobMatch(pattern, value)).toBe(expected)
  })

  it('lets a ! pattern deny what another allows', () => {
    expect(permits(['*', '!kube-*'], 'kube-system')).toBe(false)
    expect(permits(['*', '!kube-*'], 'cortex')).toBe(true)
    expect(permits([], 'cortex')).toBe(false)
  })

  it('compares repository URLs without case, .git or a trailing /', () => {
    expect(normaliseRepoUrl('https://GitHub.com/Org/Repo.git/')).toBe(
      'https://github.com/org/repo',
    )
  })
})

describe('renderString', () => {
  const params = {
    name: 'web',
    port: 80,
    values: { tier: 'front' },
    'a.b': 'flat',
  }
  it.each([
    ['{{.name}}:{{ .port }}', true, 'web:80', []],
    ['{{.values.tier}}', true, 'front', []],
    ['{{ .name | upper }}', true, '{{ .name | upper }}', []],
    ['{{ index .values "x.y" }}', true, '{{ index .values "x.y" }}', []],
    ['{{.missing}}', true, '{{.missing}}', ['missing']],
    ['{{ if .debug }}x{{ end }}', true, '{{ if .debug }}x{{ end }}', ['debug']],
    [
      '{{ range .list }}{{ .x }}{{ end }}{{ .y }}',
      true,
      '{{ range .list }}{{ .x }}{{ end }}{{ .y }}',
      ['list', 'y'],
    ],
    ['{{name}}-{{ values.tier }}', false, 'web-front', []],
    ['{{a.b}}', false, 'flat', []],
    ['{{nope}}', false, '{{nope}}', ['nope']],
  ])('renders %s (goTemplate %s) as %s', (text, go, rendered, missing) => {
    const found: string[] = []
    expect(renderString(text, params, go, (key) => found.push(key))).toBe(
      rendered,
    )
    expect(found).toEqual(missing)
  })
})

const PROJECT = `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: {name: p}
spec:
  sourceRepos: ['https://github.com/o/*', '!https://github.com/o/secret']
  destinations:
    - {server: 'https://kubernetes.default.svc', namespace: 'team-*'}
    - {name: 'prod-*', namespace: '*'}
    - {server: '*', namespace: '!team-locked'}
---
`

function app(spec: string, project = 'p'): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: a}
spec:
  project: ${project}
${spec}`
}

const SOURCE =
  '  source: {repoURL: https://github.com/o/app.git, path: deploy}\n'

function messages(text: string): string[] {
  return argoFindings(docsFrom(text)).map((f) => `${f.rule}: ${f.message}`)
}

describe('argoFindings on Applications', () => {
  it.each([
    [
      'an allowed source and destination',
      `${SOURCE}  destination: {server: 'https://kubernetes.default.svc', namespace: team-a}\n`,
      [],
    ],
    [
      'in-cluster by name',
      `${SOURCE}  destination: {name: in-cluster, namespace: team-a}\n`,
      [],
    ],
    [
      'a cluster allowed by name',
      `${SOURCE}  destination: {name: prod-eu, namespace: any}\n`,
      [],
    ],
    [
      'a denied repository',
      "  source: {repoURL: 'https://github.com/o/secret', path: x}\n  destination: {server: 'https://kubernetes.default.svc', namespace: team-a}\n",
      [
        'argocd-project: Application a: source https://github.com/o/secret is not allowed by project p (sourceRepos: https://github.com/o/*, !https://github.com/o/secret)',
      ],
    ],
    [
      'a denied namespace',
      `${SOURCE}  destination: {server: 'https://kubernetes.default.svc', namespace: team-locked}\n`,
      [
        'argocd-project: Application a: destination https://kubernetes.default.svc namespace team-locked is not allowed by project p (destinations: https://kubernetes.default.svc team-*; prod-* *; * !team-locked)',
      ],
    ],
    [
      'an unknown cluster',
      `${SOURCE}  destination: {server: 'https://other', namespace: team-a}\n`,
      [
        'argocd-project: Application a: destination https://other namespace team-a is not allowed by project p (destinations: https://kubernetes.default.svc team-*; prod-* *; * !team-locked)',
      ],
    ],
    [
      'server and name both',
      `${SOURCE}  destination: {server: 'https://kubernetes.default.svc', name: in-cluster, namespace: team-a}\n`,
      [
        'argocd-shape: Application a: spec.destination sets server and name; set one',
      ],
    ],
    [
      'no source',
      "  destination: {server: 'https://kubernetes.default.svc', namespace: team-a}\n",
      ['argocd-shape: Application a: spec.source or spec.sources is missing'],
    ],
    [
      'source and sources',
      `${SOURCE}  sources: []\n  destination: {server: 'https://kubernetes.default.svc', namespace: team-a}\n`,
      [
        'argocd-shape: Application a: set spec.source or spec.sources, not both: Argo CD ignores spec.source',
      ],
    ],
    [
      'a source without repoURL',
      "  sources: [{path: x}]\n  destination: {server: 'https://kubernetes.default.svc', namespace: team-a}\n",
      ['argocd-shape: Application a: spec.sources.0.repoURL is missing'],
    ],
    [
      'no destination',
      SOURCE,
      ['argocd-shape: Application a: spec.destination is missing'],
    ],
    [
      'a bad sync option',
      `${SOURCE}  destination: {name: prod-a}\n  syncPolicy: {syncOptions: [Prune]}\n`,
      ['argocd-shape: Application a: sync option "Prune" is not Name=value'],
    ],
  ])('with %s finds %j', (_what, spec, expected) => {
    expect(messages(PROJECT + app(spec))).toEqual(expected)
  })

  it('warns of a project it cannot see, and trusts default', () => {
    const spec = `${SOURCE}  destination: {name: x, namespace: y}\n`
    expect(messages(app(spec, 'elsewhere'))).toEqual([
      'argocd-project-exists: Application a: project elsewhere is not among the files checked, so its sources and destinations are not checked',
    ])
    expect(messages(app(spec, 'default'))).toEqual([])
  })

  it('reads a sync wave on any object', () => {
    const map =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations: {argocd.argoproj.io/sync-wave: '-1'}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n  annotations: {argocd.argoproj.io/sync-wave: 1.5}\n"
    expect(messages(map)).toEqual([
      'argocd-sync-wave: ConfigMap d: sync wave 1.5 is not a whole number',
    ])
  })
})

describe('argoFindings on AppProjects and ApplicationSets', () => {
  it('wants sources and destinations in a project', () => {
    const text =
      'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {name: q}\nspec:\n  sourceRepos: [1]\n  destinations: [{namespace: x}]\n'
    expect(messages(text)).toEqual([
      'argocd-shape: AppProject q: a source repository is a string',
      'argocd-shape: AppProject q: a destination needs server or name',
    ])
  })

  const SET = `${PROJECT}apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: s}
spec:
  goTemplate: true
  generators:
    - list:
        elements:
          - {name: a, ns: team-a}
          - {name: b, ns: team-b}
  template:
    metadata:
      name: '{{.name}}'
      annotations: {argocd.argoproj.io/sync-wave: 'w{{.name}}'}
    spec:
      project: p
      source: {repoURL: 'https://github.com/o/app', path: '{{.name}}'}
      destination: {server: 'https://kubernetes.default.svc', namespace: '{{.ns}}'}
`

  it('renders the template for every element', () => {
    expect(messages(SET)).toEqual([
      'argocd-sync-wave: ApplicationSet s (element a): sync wave "wa" is not a whole number',
      'argocd-sync-wave: ApplicationSet s (element b): sync wave "wb" is not a whole number',
    ])
    expect(messages(SET.replace("'w{{.name}}'", "'1'"))).toEqual([])
  })

  it('says a problem of some elements once, naming them', () => {
    const text = SET.replace("'w{{.name}}'", "'1'").replace(
      'ns: team-b',
      'ns: kube-system',
    )
    expect(messages(text)).toEqual([
      'argocd-project: ApplicationSet s (element b): destination https://kubernetes.default.svc namespace kube-system is not allowed by project p (destinations: https://kubernetes.default.svc team-*; prod-* *; * !team-locked)',
    ])
  })

  it('checks the shape of a set whose generators it cannot render', () => {
    const text =
      'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: g}\nspec:\n  goTemplate: yes please\n  generators: [{git: {repoURL: r}}]\n  template:\n    metadata: {}\n    spec: {project: p}\n'
    expect(messages(text)).toEqual([
      'argocd-shape: ApplicationSet g: spec.goTemplate is true or false',
      'argocd-shape: ApplicationSet g: spec.template.metadata.name is missing',
      'argocd-shape: ApplicationSet g: spec.destination is missing',
      'argocd-shape: ApplicationSet g: spec.source or spec.sources is missing',
    ])
  })
})
