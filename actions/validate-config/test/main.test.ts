// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, over a copy of examples/platform.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expectValidSarif } from '../../../test/support/sarif-check.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import { copyPlatform, edit, removeCopy } from './platform-copy.js'

let dir = ''
let temp = ''
beforeEach(() => {
  dir = copyPlatform()
  temp = mkdtempSync(join(tmpdir(), 'validate-config-temp-'))
})
afterEach(() => {
  removeCopy(dir)
  rmSync(temp, { recursive: true, force: true })
})

function step(
  inputs: Record<string, string> = {},
  workspace = dir,
): Promise<StageRun> {
  return runInProcess(run, inputs, {
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'example-org/cortex-gitops',
    RUNNER_TEMP: temp,
  })
}

interface SarifResult {
  ruleId: string
  level: string
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string }
      region: { startLine: number }
    }
  }[]
}

function sarif(run: StageRun): {
  runs: { automationDetails: { id: string }; results: SarifResult[] }[]
} {
  const log: unknown = JSON.parse(
    readFileSync(run.outputs['sarif-file'] ?? '', 'utf8'),
  )
  expectValidSarif(log)
  return log as {
    runs: { automationDetails: { id: string }; results: SarifResult[] }[]
  }
}

/** Two errors and, with the rule on, one warning. */
function breakTwo(): void {
  edit(
    dir,
    'argocd/staging/dashboard.yaml',
    "sync-wave: '1'",
    "sync-wave: 'one'",
  )
  edit(dir, 'apps/dashboard/base/hpa.yaml', 'minReplicas: 2', 'minReplicas: 12')
}

describe('the validate-config stage', () => {
  it('passes examples/platform with an empty SARIF run and a one-line summary', async () => {
    const result = await step()
    expectOk(result)
    expect(result.outputs).toEqual({
      errors: '0',
      warnings: '0',
      'sarif-file': join(temp, 'validate-config.sarif'),
    })
    const log = sarif(result)
    expect(log.runs[0]?.automationDetails).toEqual({ id: 'config/' })
    expect(log.runs[0]?.results).toEqual([])
    expect(result.summary).toMatch(
      /^## validate-config\n\n2\d YAML files checked: 0 errors, 0 warnings\.\n$/,
    )
  })

  it('fails on errors, with annotations, SARIF results and a summary table', async () => {
    breakTwo()
    const result = await step({ rules: 'k8s-network-policy: warn' })
    expect(result.failed).toBe(true)
    expect(result.outputs['errors']).toBe('2')
    expect(result.outputs['warnings']).toBe('2')
    expect(result.log).toContain(
      '::error title=argocd-sync-wave,file=argocd/staging/dashboard.yaml,line=9,col=5::Application cortex-dashboard: sync wave "one" is not a whole number',
    )
    expect(result.log).toContain(
      '::warning title=k8s-network-policy,file=apps/dashboard/base/deployment.yaml,line=2',
    )
    expect(result.log).toContain(
      '::error::2 configuration errors: see the annotations or the step summary',
    )
    const results = sarif(result).runs[0]?.results ?? []
    expect(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
        r.locations[0]?.physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['k8s-hpa', 'error', 'apps/dashboard/base/hpa.yaml', 10],
      ['argocd-sync-wave', 'error', 'argocd/staging/dashboard.yaml', 9],
      [
        'k8s-network-policy',
        'warning',
        'apps/dashboard/base/deployment.yaml',
        2,
      ],
      [
        'k8s-network-policy',
        'warning',
        'apps/mcp-orch/production/mcp-orch.yaml',
        29,
      ],
    ])
    expect(result.summary).toContain('2 errors, 2 warnings.')
    expect(result.summary).toContain(
      '| error | k8s-hpa | apps/dashboard/base/hpa.yaml:10:3 | HorizontalPodAutoscaler cortex-dashboard: minReplicas 12 is more than maxReplicas 10 |',
    )
  })

  it.each([
    [
      'rules that are off',
      { rules: 'k8s-hpa: off\nargocd-sync-wave: off' },
      false,
      '0',
      '0',
    ],
    [
      'rules turned to warnings',
      { rules: 'k8s-hpa: warn\nargocd-sync-wave: warn' },
      false,
      '0',
      '2',
    ],
    ['warn-only', { 'warn-only': 'true' }, false, '2', '0'],
  ])('follows %s', async (_what, inputs, failed, errors, warnings) => {
    breakTwo()
    const result = await step(inputs)
    expect(result.failed).toBe(failed)
    expect([result.outputs['errors'], result.outputs['warnings']]).toEqual([
      errors,
      warnings,
    ])
    sarif(result)
  })

  it('says in the summary that warn-only kept the step green', async () => {
    breakTwo()
    const result = await step({ 'warn-only': 'true' })
    expect(result.summary).toContain(
      '2 errors, 0 warnings (warn-only: the step does not fail).',
    )
  })

  it('makes paths relative to the repository when the folder is a subfolder', async () => {
    breakTwo()
    const parent = join(dir, '..')
    const name = dir.slice(parent.length + 1)
    const result = await step(
      { 'working-directory': name, files: 'argocd/**/*.yaml' },
      parent,
    )
    const uris = sarif(result).runs[0]?.results.map(
      (r) => r.locations[0]?.physicalLocation.artifactLocation.uri,
    )
    expect(uris).toEqual([`${name}/argocd/staging/dashboard.yaml`])
    expect(result.log).toContain(
      `file=${name}/argocd/staging/dashboard.yaml,line=9`,
    )
  })

  it.each([
    [
      'rules',
      'k8s-probe: off',
      'input \'rules\': got "k8s-probe"; expected a rule id',
    ],
    [
      'rules',
      'k8s-probes: loud',
      'input \'rules\': got "k8s-probes: loud"; expected off, warn or error',
    ],
    [
      'files',
      '[z-a]/*.yaml',
      'input \'files\': got "[z-a]/*.yaml"; expected globs, one a line',
    ],
    [
      'resources',
      'memory',
      'input \'resources\': got "memory"; expected fields like requests.cpu',
    ],
  ])('fails plainly on a bad %s input', async (name, value, message) => {
    const result = await step({ [name]: value })
    expect(result.failed).toBe(true)
    expect(result.log).toContain(`::error::Configuration error: ${message}`)
    expect(result.outputs).toEqual({})
  })
})
