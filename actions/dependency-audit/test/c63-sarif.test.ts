import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parseLock } from '../../../lib/npm-lock/index.js'
import { sarifLog } from '../../../lib/sarif/index.js'
import { readPolicyList } from '../../../lib/spdx/index.js'
import { expectValidSarif } from '../../../test/support/sarif-check.js'
import { checkLicenses } from '../../license-check/src/check.js'
import { sarifRun as licenseRun } from '../../license-check/src/report.js'
import type { LicenseCheckSettings } from '../../license-check/src/settings.js'
import { assess } from '../src/assess.js'
import { npmFindings } from '../src/npm-report.js'
import { sarifRun as auditRun } from '../src/report.js'
import type { DependencyAuditSettings } from '../src/settings.js'

// C63: license violations and an audit finding, both located on the lock
// file, in one SARIF log of a checkout at /home/runner/work/r/r: one run
// per tool, repository-relative URIs, stable fingerprints. The license
// half is license-check's own code, read here so both stages' runs are
// checked together as code scanning would receive them.

const WORKSPACE = '/home/runner/work/r/r'
const LOCK = `${WORKSPACE}/package-lock.json`
const read = (url: string): string =>
  readFileSync(new URL(url, import.meta.url), 'utf8')
const lock = parseLock(
  read('../../../lib/npm-lock/fixtures/v3/package-lock.json'),
)

function buildLog(): unknown {
  const allow = ['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause', 'AFL-2.1']
  const licenseSettings: LicenseCheckSettings = {
    workspace: WORKSPACE,
    lockFile: LOCK,
    includeDev: false,
    allow: readPolicyList(allow).entries,
    deny: [],
    policyNotes: [],
    allowPackages: [],
    acceptGuessed: false,
    warnOnly: false,
    sarifFile: 'license-check.sarif',
  }
  const licenses = checkLicenses(lock, '/nonexistent', {
    includeDev: false,
    policy: { allow: licenseSettings.allow, deny: [] },
    allowPackages: [],
    acceptGuessed: false,
  })
  const auditSettings: DependencyAuditSettings = {
    workspace: WORKSPACE,
    format: 'npm',
    lockFile: LOCK,
    includeDev: false,
    failOn: 'moderate',
    allow: [],
    warnOnly: false,
    sarifFile: 'dependency-audit.sarif',
  }
  const findings = npmFindings(
    read('./fixtures/npm-audit-v2.json'),
    lock,
    false,
  ).findings.filter((f) => f.packageName === 'tough-cookie')
  const audit = assess(findings, {
    threshold: 'moderate',
    allow: [],
    today: '2026-12-04',
  })
  return sarifLog(
    [licenseRun(licenses, licenseSettings), auditRun(audit, auditSettings)],
    { workspace: WORKSPACE },
  )
}

interface Log {
  runs: {
    tool: { driver: { name: string } }
    automationDetails: { id: string }
    results: {
      ruleId: string
      level: string
      message: { text: string }
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string }
          region: { startLine: number }
        }
      }[]
      partialFingerprints: Record<string, string>
    }[]
  }[]
}

describe('license and audit findings in one SARIF log (C63)', () => {
  it('is a log code scanning accepts, one run per tool', () => {
    const log = buildLog()
    expectValidSarif(log)
    const runs = (log as Log).runs
    expect(
      runs.map((r) => [
        r.tool.driver.name,
        r.automationDetails.id,
        r.results.length,
      ]),
    ).toEqual([
      ['cortex-license-check', 'licenses/', 2],
      ['cortex-dependency-audit', 'audit/', 1],
    ])
  })

  it('locates every result on the lock file, by repository-relative URI', () => {
    const results = (buildLog() as Log).runs.flatMap((r) => r.results)
    expect(
      results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0]?.physicalLocation.artifactLocation.uri,
      ]),
    ).toEqual([
      ['license/not-allowed', 'error', 'package-lock.json'],
      ['license/not-allowed', 'error', 'package-lock.json'],
      ['GHSA-72xf-g2v4-qvf3', 'error', 'package-lock.json'],
    ])
    for (const result of results) {
      expect(result.message.text).not.toBe('')
      expect(
        result.locations[0]?.physicalLocation.region.startLine,
      ).toBeGreaterThan(1)
    }
    expect(results[0]?.message.text).toContain('tweetnacl@0.14.5 (Unlicense)')
  })

  it('gives the same fingerprints on every run', () => {
    const prints = (): string[] =>
      (buildLog() as Log).runs.flatMap((r) =>
        r.results.map((x) => JSON.stringify(x.partialFingerprints)),
      )
    const first = prints()
    expect(prints()).toEqual(first)
    expect(new Set(first).size).toBe(first.length)
  })
})
