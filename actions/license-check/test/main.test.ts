import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { expectValidSarif } from '../../../test/support/sarif-check.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import type { TestProject } from './project.js'
import { c71Project } from './project.js'

// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, a workspace holding the C71 project.

let project: TestProject | undefined
afterEach(() => {
  project?.cleanup()
  project = undefined
})

async function check(inputs: Record<string, string>): Promise<StageRun> {
  project ??= c71Project()
  return runInProcess(run, inputs, { GITHUB_WORKSPACE: project.dir })
}

interface SarifResult {
  ruleId: string
  message: { text: string }
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string }
      region: { startLine: number }
    }
  }[]
  suppressions?: { kind: string; justification: string }[]
}

function sarifOf(step: StageRun): {
  runs: { automationDetails: { id: string }; results: SarifResult[] }[]
} {
  const file = step.outputs['sarif-file'] ?? ''
  const log: unknown = JSON.parse(readFileSync(file, 'utf8'))
  expectValidSarif(log)
  return log as ReturnType<typeof sarifOf>
}

describe('the license-check stage', () => {
  // C71, first half: the lists are checked before any package is, and
  // every bad entry is named with what it may have meant.
  it('refuses IT; BSD and Apache as a configuration error (C71)', async () => {
    const step = await check({ allow: 'IT; BSD', deny: 'Apache' })
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      "::error::Configuration error: inputs 'allow' and 'deny': 3 entries are not valid:%0A" +
        '  allow: "IT": not an SPDX license id; did you mean MIT?%0A' +
        '  allow: "BSD": not an SPDX license id; did you mean BSD-2-Clause, BSD-3-Clause or BSD-*?%0A' +
        '  deny: "Apache": not an SPDX license id; did you mean Apache-2.0, Apache-* or Apache-1.0?%0A' +
        'expected SPDX license ids',
    )
    expect(existsSync(join(project?.dir ?? '', 'license-check.sarif'))).toBe(
      false,
    )
  })

  // C71, second half, as the step reports it.
  it('fails with every violation, annotated on the lock', async () => {
    const step = await check({ allow: 'MIT, BSD-3-Clause' })
    expect(step.failed).toBe(true)
    expect(step.outputs).toEqual({
      violations: '3',
      excused: '0',
      packages: '6',
      'sarif-file': join(project?.dir ?? '', 'license-check.sarif'),
    })
    expect(step.log).toMatch(
      /^::error title=Guessed license,file=package-lock.json,line=\d+::b@1.0.0 \(MIT\): guessed license \(MIT from README.md\); via root > b@1.0.0$/m,
    )
    expect(step.log).toContain(
      '::error::3 packages break the license policy:%0A  b@1.0.0',
    )
    expect(step.log).toContain(
      'd@1.0.0 (Apache-2.0): not in the allow list: Apache-2.0; via root > x > d@1.0.0',
    )
    expect(step.summary).toContain(
      '6 production packages in `package-lock.json`: **3 violations**.',
    )
    expect(step.summary).toContain(
      '| d@1.0.0 | Apache-2.0 | not in the allow list: Apache-2.0 | root > x > d@1.0.0 |',
    )
    const [sarifRun] = sarifOf(step).runs
    expect(sarifRun?.automationDetails.id).toBe('licenses/')
    expect(sarifRun?.results.map((r) => r.ruleId)).toEqual([
      'license/guessed',
      'license/not-allowed',
      'license/not-allowed',
    ])
    const location = sarifRun?.results[0]?.locations[0]?.physicalLocation
    expect(location?.artifactLocation.uri).toBe('package-lock.json')
    expect(location?.region.startLine).toBeGreaterThan(1)
  })

  it('passes in warn-only mode, reporting the same as warnings', async () => {
    const step = await check({
      allow: 'MIT, BSD-3-Clause',
      'warn-only': 'true',
    })
    expectOk(step)
    expect(step.outputs['violations']).toBe('3')
    expect(step.log).toMatch(/^::warning title=License not allowed,/m)
    expect(step.log).not.toMatch(/^::error/m)
    expect(step.summary).toContain('(warn-only: the step passes)')
  })

  it('keeps excused packages in the summary and as suppressed in SARIF', async () => {
    const step = await check({
      allow: 'MIT\nBSD-3-Clause',
      deny: 'GPL-3.0-only',
      'allow-packages': 'b, d@1.x, e',
      'sarif-file': 'reports/licenses.sarif',
    })
    expectOk(step)
    expect(step.outputs['excused']).toBe('3')
    expect(step.summary).toContain(
      '| d@1.0.0 | Apache-2.0 | not in the allow list: Apache-2.0 | d@1.x |',
    )
    const results = sarifOf(step).runs[0]?.results ?? []
    expect(
      results.map((r) => [r.ruleId, r.suppressions?.[0]?.justification]),
    ).toEqual([
      ['license/guessed', 'allowed by allow-packages entry "b"'],
      ['license/denied', 'allowed by allow-packages entry "e"'],
      ['license/not-allowed', 'allowed by allow-packages entry "d@1.x"'],
    ])
  })

  it('warns once for a list entry read with a correction', async () => {
    const step = await check({
      allow: 'mit, BSD-3-Clause, GPL-3.0, Apache-2.0',
      'accept-guessed': 'true',
    })
    expectOk(step)
    expect(step.log).toContain(
      '::warning title=License list entry corrected::read "mit" as "MIT"',
    )
    expect(step.log).toContain(
      '"GPL-3.0" is a deprecated SPDX id; read as "GPL-3.0-only"',
    )
    expect(step.log).toContain(
      '::warning title=License read with a correction::guessed from README.md: b@1.0.0',
    )
  })

  it.each([
    [
      { 'lock-file': 'missing/package-lock.json' },
      'input \'lock-file\': got "missing/package-lock.json"; expected a package-lock.json (lockfileVersion 2 or 3) that exists',
    ],
    [
      { 'lock-file': '../outside.json' },
      'input \'lock-file\': got "../outside.json"; expected a relative path inside the repository',
    ],
    [
      { 'allow-packages': 'left pad' },
      'input \'allow-packages\': got "left pad"',
    ],
    [{ 'include-dev': 'maybe' }, 'input \'include-dev\': got "maybe"'],
  ])('refuses %j', async (inputs, message) => {
    const step = await check(inputs)
    expect(step.failed).toBe(true)
    expect(step.log).toContain(`::error::Configuration error: ${message}`)
  })

  it('refuses a version 1 lock, saying how to update it', async () => {
    project = c71Project()
    writeFileSync(project.lockFile, JSON.stringify({ lockfileVersion: 1 }))
    const step = await check({})
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      'lockfileVersion 1 has no "packages" map; run `npm install --package-lock-only`',
    )
  })
})
