import { describe, expect, it } from '@jest/globals'
import { gitSources, normalPath, sameRepository } from '../src/app-sources.js'

// Where an application's manifests live in Git, from spec.source(s) as in
// examples/platform/argocd/production and Argo CD's multi-source form.
describe('gitSources', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'one source',
      { source: { repoURL: 'https://g/x.git', path: './apps/dashboard/' } },
      ['apps/dashboard'],
    ],
    [
      'several sources, a chart among them',
      {
        sources: [
          { repoURL: 'https://charts.example.org', chart: 'mcp-server' },
          { repoURL: 'https://g/x.git', path: 'apps/mcp' },
        ],
      },
      ['apps/mcp'],
    ],
    ['the repository’s top', { source: { path: '' } }, ['.']],
    ['a chart alone', { source: { chart: 'kube-prometheus-stack' } }, []],
    ['no spec', {}, []],
  ])('reads %s', (_name, spec, paths) => {
    expect(gitSources({ spec }).map((s) => s.path)).toEqual(paths)
  })
})

describe('normalPath', () => {
  it.each([
    ['apps/dashboard', 'apps/dashboard'],
    ['./apps//dashboard/', 'apps/dashboard'],
    ['.', '.'],
    ['/', '.'],
  ])('writes %j as %j', (path, normal) => {
    expect(normalPath(path)).toBe(normal)
  })
})

describe('sameRepository', () => {
  it.each<[string, string, boolean]>([
    [
      'https://github.com/example-org/cortex-gitops.git',
      'git@github.com:example-org/cortex-gitops',
      true,
    ],
    [
      'https://x-access-token@github.com/Example-Org/cortex-gitops/',
      'ssh://git@github.com/example-org/cortex-gitops.git',
      true,
    ],
    ['/tmp/origin.git', '/tmp/origin.git', true],
    [
      'https://github.com/example-org/cortex-gitops.git',
      'https://github.com/example-org/other.git',
      false,
    ],
    ['https://git.example.org:8443/a/b', 'https://git.example.org/a/b', false],
  ])('%s and %s: %p', (a, b, same) => {
    expect(sameRepository(a, b)).toBe(same)
  })
})
