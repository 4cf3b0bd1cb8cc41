import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parseLock } from '../../../lib/npm-lock/index.js'
import type { AuditFinding } from '../src/finding.js'
import { pathText } from '../src/finding.js'
import { AuditReportError } from '../src/json-fields.js'
import { PATH_LIMIT, npmFindings } from '../src/npm-report.js'
import { advisoryMapFindings, yarnFindings } from '../src/other-reports.js'

// Fixtures: see fixtures/README.md and lib/npm-lock/fixtures/README.md.
const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
const lockText = (v: string): string =>
  readFileSync(
    new URL(
      `../../../lib/npm-lock/fixtures/${v}/package-lock.json`,
      import.meta.url,
    ),
    'utf8',
  )

const summary = (findings: readonly AuditFinding[]): string[][] =>
  findings.map((f) => [
    f.advisory,
    f.severity,
    `${f.packageName}@${f.version ?? ''}`,
    pathText(f),
  ])

const EXPECTED = [
  [
    'GHSA-fjxv-7rqg-78g4',
    'critical',
    'form-data@2.3.3',
    'app>request>form-data',
  ],
  [
    'GHSA-fjxv-7rqg-78g4',
    'critical',
    'form-data@2.3.3',
    'app>superagent>form-data',
  ],
  ['GHSA-p8p7-x288-28g6', 'moderate', 'request@2.88.2', 'app>request'],
  [
    'GHSA-72xf-g2v4-qvf3',
    'moderate',
    'tough-cookie@2.5.0',
    'app>request>tough-cookie',
  ],
]

describe('npmFindings', () => {
  it.each(['v2', 'v3'])(
    'gives one finding per advisory and path, with a %s lock',
    (v) => {
      const lock = parseLock(lockText(v))
      const read = npmFindings(fixture('npm-audit-v2.json'), lock, false)
      expect(summary(read.findings)).toEqual(EXPECTED)
      expect(read.notes).toEqual([])
      const formData = read.findings[0]
      expect(formData).toMatchObject({
        title:
          'form-data uses unsafe random function in form-data for choosing boundary',
        url: 'https://github.com/advisories/GHSA-fjxv-7rqg-78g4',
        range: '<2.5.4',
        line: lock.lines.get('node_modules/form-data'),
      })
      expect(formData?.cvss).toBeUndefined()
      expect(read.findings[2]?.cvss).toBe(6.1)
    },
  )

  it("reports npm's own failure, as npm 11 printed it", () => {
    const lock = parseLock(lockText('v3'))
    expect(() =>
      npmFindings(fixture('npm-audit-405.json'), lock, false),
    ).toThrow(
      'npm audit failed: 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
    )
  })

  it.each([
    [
      '{"error": {"code": "ENOLOCK", "summary": "This command requires an existing lockfile."}}',
      'npm audit failed: This command requires an existing lockfile.',
    ],
    [
      '{"advisories": {}, "metadata": {}}',
      'npm 7 or later is needed (npm 6 prints version 1)',
    ],
    [
      '{"auditReportVersion": 2}',
      'npm audit printed a report without its vulnerabilities',
    ],
    [
      'npm ERR! something',
      'npm audit printed no JSON report; it began: npm ERR! something',
    ],
    ['[1]', "npm audit's report is not a JSON object"],
  ])('refuses %j', (text, message) => {
    const lock = parseLock(lockText('v3'))
    expect(() => npmFindings(text, lock, false)).toThrow(AuditReportError)
    expect(() => npmFindings(text, lock, false)).toThrow(message)
  })

  it('lists the first paths of a much-used package and one finding for the rest', () => {
    const packages: Record<string, unknown> = {
      '': { name: 'app', dependencies: {} },
      'node_modules/bad': { version: '1.0.0' },
    }
    const root = packages[''] as { dependencies: Record<string, string> }
    for (let i = 0; i < PATH_LIMIT + 5; i += 1) {
      root.dependencies[`p${i}`] = '1'
      packages[`node_modules/p${i}`] = {
        version: '1.0.0',
        dependencies: { bad: '1' },
      }
    }
    const lock = parseLock(JSON.stringify({ lockfileVersion: 3, packages }))
    const report = JSON.stringify({
      auditReportVersion: 2,
      vulnerabilities: {
        bad: {
          name: 'bad',
          via: [
            {
              source: 1,
              name: 'bad',
              title: 'Bad',
              url: 'https://github.com/advisories/GHSA-aaaa-bbbb-cccc',
              severity: 'high',
            },
          ],
          nodes: ['node_modules/bad'],
        },
      },
    })
    const read = npmFindings(report, lock, false)
    expect(read.findings).toHaveLength(PATH_LIMIT + 1)
    expect(read.findings.at(-1)).toMatchObject({
      path: ['app', '…', 'bad'],
      unlisted: true,
    })
    expect(read.notes).toEqual([
      `bad@1.0.0 is reached by more than ${PATH_LIMIT} paths: the first ${PATH_LIMIT} are listed, and one finding stands for the rest`,
    ])
  })
})

describe('advisoryMapFindings', () => {
  it("reads pnpm's report, the project named from its package.json", () => {
    const read = advisoryMapFindings(
      fixture('pnpm-audit.json'),
      'app',
      'pnpm audit',
    )
    expect(summary(read.findings)).toEqual([
      EXPECTED[3], // JSON objects list numeric keys in order
      EXPECTED[0],
      EXPECTED[1],
    ])
  })

  it('refuses a report without advisories', () => {
    expect(() =>
      advisoryMapFindings(
        '{"error": "ERR_PNPM_AUDIT_NO_LOCKFILE"}',
        'app',
        'pnpm audit',
      ),
    ).toThrow(
      `pnpm audit's report has no "advisories": ERR_PNPM_AUDIT_NO_LOCKFILE`,
    )
  })
})

describe('yarnFindings', () => {
  it("reads yarn 1's JSON lines, adding the project to each path", () => {
    const read = yarnFindings(fixture('yarn-audit.jsonl'), 'app')
    expect(summary(read.findings)).toEqual([
      EXPECTED[0],
      EXPECTED[1],
      EXPECTED[3],
    ])
  })

  it("reads yarn 2's one object like pnpm's", () => {
    const read = yarnFindings(fixture('pnpm-audit.json'), 'app')
    expect(read.findings).toHaveLength(3)
  })

  it('refuses output without a JSON line', () => {
    expect(() => yarnFindings('error Command failed.', 'app')).toThrow(
      'yarn audit printed no JSON lines',
    )
  })
})
