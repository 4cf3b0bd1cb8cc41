import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { expectValidSarif } from '../../../test/support/sarif-check.js'
import { run } from '../src/main.js'
import type { FakeNpm } from './fake-npm.js'
import { createFakeNpm } from './fake-npm.js'

// main.ts as the runner starts it, with the fake npm of fake-npm/ first on
// PATH answering `npm audit` with a report of fixtures/, in a workspace
// holding the recorded lock of lib/npm-lock/fixtures/v3.

const here = (path: string): string =>
  fileURLToPath(new URL(path, import.meta.url))
const FIXTURES = here('./fixtures/')
const LOCKS = here('../../../lib/npm-lock/fixtures/')

const REQUEST_PATH = 'GHSA-fjxv-7rqg-78g4|app>request>form-data'
const SUPERAGENT_PATH = 'GHSA-fjxv-7rqg-78g4|app>superagent>form-data'

let cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups) cleanup()
  cleanups = []
})

interface Audit {
  step: StageRun
  npm: FakeNpm
  workspace: string
}

async function audit(
  inputs: Record<string, string>,
  report = 'npm-audit-v2.json',
): Promise<Audit> {
  const workspace = mkdtempSync(join(tmpdir(), 'cortex-audit-'))
  copyFileSync(
    join(LOCKS, 'v3/package-lock.json'),
    join(workspace, 'package-lock.json'),
  )
  copyFileSync(join(LOCKS, 'package.json'), join(workspace, 'package.json'))
  const npm = createFakeNpm(join(FIXTURES, report))
  cleanups.push(
    () => npm.cleanup(),
    () => rmSync(workspace, { recursive: true }),
  )
  const step = await runInProcess(run, inputs, {
    GITHUB_WORKSPACE: workspace,
    ...npm.env,
  })
  return { step, npm, workspace }
}

interface SarifResult {
  ruleId: string
  level: string
  suppressions?: { kind: string; justification: string }[]
  properties: { path: string; status: string }
}

function results(step: StageRun): SarifResult[] {
  const log: unknown = JSON.parse(
    readFileSync(step.outputs['sarif-file'] ?? '', 'utf8'),
  )
  expectValidSarif(log)
  return (log as { runs: { results: SarifResult[] }[] }).runs[0]?.results ?? []
}

// C62 on the recorded lock: the critical form-data advisory is accepted on
// the path through request; superagent reaches the same package too.
describe('the dependency-audit stage (C62)', () => {
  it('fails on the same advisory reached through another path', async () => {
    const { step, npm, workspace } = await audit({
      'fail-on': 'high',
      allow: `${REQUEST_PATH} until: 2999-12-31`,
    })
    expect(step.failed).toBe(true)
    expect(npm.calls()).toEqual([
      {
        args: ['audit', '--json', '--package-lock-only', '--omit=dev'],
        cwd: workspace,
      },
    ])
    expect(step.outputs).toMatchObject({
      violations: '1',
      findings: '4',
      'allow-listed': '1',
      'below-threshold': '2',
    })
    expect(step.log).toMatch(
      /^::error title=Vulnerable dependency \(critical\),file=package-lock.json,line=\d+::GHSA-fjxv-7rqg-78g4 \(critical\) form-data uses unsafe random function in form-data for choosing boundary: form-data@2.3.3 via app>superagent>form-data: fails$/m,
    )
    expect(step.log).toContain(
      '::error::1 finding at or above high:%0A  GHSA-fjxv-7rqg-78g4',
    )
    expect(step.summary).toContain(
      '4 findings; **1 failing**, 1 allow-listed, 2 below the threshold.',
    )
    expect(step.summary).toContain(
      '| allow-listed until 2999-12-31 | critical | GHSA-fjxv-7rqg-78g4 form-data uses unsafe random function in form-data for choosing boundary | form-data@2.3.3 | app>request>form-data |',
    )
    expect(step.summary).toContain(`${SUPERAGENT_PATH} until: YYYY-MM-DD`)
  })

  it('keeps accepted and low findings in SARIF, suppressed', async () => {
    const { step } = await audit({ 'fail-on': 'high', allow: REQUEST_PATH })
    expect(
      results(step).map((r) => [
        r.properties.path,
        r.level,
        r.suppressions?.[0]?.justification,
      ]),
    ).toEqual([
      ['app>superagent>form-data', 'error', undefined],
      ['app>request>form-data', 'note', `allow-listed: ${REQUEST_PATH}`],
      ['app>request', 'note', 'below the fail-on threshold (high)'],
      [
        'app>request>tough-cookie',
        'note',
        'below the fail-on threshold (high)',
      ],
    ])
  })

  it('passes once every path of the advisory is accepted', async () => {
    const { step } = await audit({
      'fail-on': 'high',
      allow: `${REQUEST_PATH}\n${SUPERAGENT_PATH} # superagent 10 drops it`,
    })
    expectOk(step)
    expect(step.outputs['violations']).toBe('0')
    expect(step.summary).toContain(
      'none failing, 2 allow-listed, 2 below the threshold.',
    )
  })

  it('passes in warn-only mode, with the failure as a warning', async () => {
    const { step } = await audit({
      'fail-on': 'high',
      allow: REQUEST_PATH,
      'warn-only': 'true',
    })
    expectOk(step)
    expect(step.outputs['violations']).toBe('1')
    expect(step.log).toMatch(
      /^::warning title=Vulnerable dependency \(critical\),/m,
    )
    expect(step.log).toContain(
      '::warning title=Vulnerable dependencies (warn-only)::1 finding',
    )
    expect(step.log).not.toMatch(/^::error/m)
  })

  it('fails again when an entry has expired, and says so', async () => {
    const { step } = await audit({
      'fail-on': 'high',
      allow: `${REQUEST_PATH} until: 2020-01-31\n${SUPERAGENT_PATH}`,
    })
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      `::warning title=Expired allow-list entry::allow-list entry ${REQUEST_PATH} until: 2020-01-31 expired on 2020-01-31`,
    )
    expect(step.log).toContain(
      `app>request>form-data: allow-list entry ${REQUEST_PATH} until: 2020-01-31 expired on 2020-01-31`,
    )
    expect(step.summary).toContain(
      '| fails (allow-list entry expired on 2020-01-31) | critical |',
    )
  })
})

describe('the dependency-audit stage', () => {
  it('audits devDependencies when asked', async () => {
    const { step, npm } = await audit({
      'include-dev': 'true',
      'fail-on': 'critical',
      allow: `${REQUEST_PATH}\n${SUPERAGENT_PATH}`,
    })
    expectOk(step)
    expect(npm.calls()[0]?.args).toEqual([
      'audit',
      '--json',
      '--package-lock-only',
    ])
  })

  it('fails, not as a configuration error, when npm audit fails', async () => {
    const { step } = await audit({}, 'npm-audit-405.json')
    expect(step.failed).toBe(true)
    expect(step.log).toMatch(
      /^::error::npm audit failed: 405 Method Not Allowed/m,
    )
  })

  it.each([
    ['pnpm', 'pnpm-audit.json'],
    ['yarn', 'yarn-audit.jsonl'],
  ])(
    'reads a %s report from a file without running npm',
    async (format, file) => {
      const { step, npm, workspace } = await audit({
        format,
        'audit-file': 'audit.json',
        'fail-on': 'critical',
      })
      expect(step.failed).toBe(true)
      expect(step.log).toContain('none at')
      copyFileSync(join(FIXTURES, file), join(workspace, 'audit.json'))
      const again = await runInProcess(
        run,
        {
          format,
          'audit-file': 'audit.json',
          'fail-on': 'critical',
          'warn-only': 'true',
        },
        { GITHUB_WORKSPACE: workspace, ...npm.env },
      )
      expectOk(again)
      expect(npm.calls()).toEqual([])
      expect(again.outputs).toMatchObject({ violations: '2', findings: '3' })
      expect(again.log).toContain(`app>superagent>form-data: fails`)
    },
  )

  it.each([
    [
      { 'fail-on': 'severe' },
      'input \'fail-on\': got "severe"; expected one of low, moderate, high, critical',
    ],
    [
      { allow: 'GHSA-fjxv-7rqg-78g4' },
      'has no dependency path: write GHSA-fjxv-7rqg-78g4|app>pkg>dep',
    ],
    [
      { format: 'pnpm' },
      'input \'audit-file\': got ""; expected the pnpm audit report to read',
    ],
    [
      { 'audit-file': 'package.json' },
      'input \'audit-file\': got "package.json"; expected a npm audit report in JSON, but npm audit printed no auditReportVersion 2 report',
    ],
    [
      { 'lock-file': 'nope/package-lock.json' },
      'input \'lock-file\': got "nope/package-lock.json"',
    ],
  ])('refuses %j', async (inputs, message) => {
    const { step } = await audit(inputs)
    expect(step.failed).toBe(true)
    expect(step.log).toContain(`::error::Configuration error: `)
    expect(step.log).toContain(message)
  })
})
