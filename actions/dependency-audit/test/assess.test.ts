import { describe, expect, it } from '@jest/globals'
import type { AllowEntry } from '../src/allow-list.js'
import { readAllowEntry } from '../src/allow-list.js'
import type { AssessOptions } from '../src/assess.js'
import { assess } from '../src/assess.js'
import type { AuditFinding } from '../src/finding.js'
import { pathText } from '../src/finding.js'
import type { Severity } from '../src/severity.js'

function finding(
  advisory: string,
  severity: Severity,
  path: string,
  more: Partial<AuditFinding> = {},
): AuditFinding {
  const names = path.split('>')
  return {
    advisory,
    title: `advisory ${advisory}`,
    severity,
    packageName: names.at(-1) ?? '',
    path: names,
    line: 1,
    ...more,
  }
}

function entries(...lines: string[]): AllowEntry[] {
  return lines.map((line) => {
    const entry = readAllowEntry(line)
    if (typeof entry === 'string') throw new Error(entry)
    return entry
  })
}

const statuses = (options: AssessOptions, findings: AuditFinding[]) =>
  assess(findings, options).findings.map((a) => [
    a.finding.advisory,
    pathText(a.finding),
    a.status,
  ])

// C62: threshold high; the allow-list accepts GHSA-aaaa-bbbb-cccc on the
// path app>request>form-data only.
describe('assess (C62)', () => {
  const options: AssessOptions = {
    threshold: 'high',
    allow: entries('GHSA-aaaa-bbbb-cccc|app>request>form-data'),
    today: '2026-12-04',
  }
  const viaRequest = finding(
    'GHSA-aaaa-bbbb-cccc',
    'critical',
    'app>request>form-data',
  )
  const viaOther = finding(
    'GHSA-aaaa-bbbb-cccc',
    'critical',
    'app>other-pkg>form-data',
  )
  const moderate = finding('GHSA-dddd-eeee-ffff', 'moderate', 'app>x')

  it('fails on the same advisory reached through a different path', () => {
    const result = assess([viaRequest, viaOther, moderate], options)
    expect(result.failing.map((a) => pathText(a.finding))).toEqual([
      'app>other-pkg>form-data',
    ])
    expect(statuses(options, [viaRequest, viaOther, moderate])).toEqual([
      ['GHSA-aaaa-bbbb-cccc', 'app>other-pkg>form-data', 'fails'],
      ['GHSA-aaaa-bbbb-cccc', 'app>request>form-data', 'allowed'],
      ['GHSA-dddd-eeee-ffff', 'app>x', 'below-threshold'],
    ])
  })

  it('passes once the second path is gone, keeping the others listed', () => {
    const result = assess([viaRequest, moderate], options)
    expect(result.failing).toEqual([])
    expect(result.findings.map((a) => a.status)).toEqual([
      'allowed',
      'below-threshold',
    ])
  })

  it('lists an allow-listed finding even when it is below the threshold', () => {
    const low = finding('GHSA-aaaa-bbbb-cccc', 'low', 'app>request>form-data')
    expect(assess([low], options).findings[0]?.status).toBe('allowed')
  })
})

describe('assess', () => {
  const critical = finding(
    'GHSA-aaaa-bbbb-cccc',
    'critical',
    'app>request>form-data',
  )

  it.each([
    ['2027-01-31', 'allowed', false],
    ['2027-02-01', 'fails', true],
  ])(
    'on %s an entry until 2027-01-31 leaves the finding %s',
    (today, status, expired) => {
      const options: AssessOptions = {
        threshold: 'high',
        allow: entries(
          'GHSA-aaaa-bbbb-cccc|app>request>form-data until: 2027-01-31',
        ),
        today,
      }
      const result = assess([critical], options)
      expect(result.findings[0]).toMatchObject({ status, expired })
      expect(result.expiredEntries.length).toBe(expired ? 1 : 0)
    },
  )

  it.each([
    ['low', ['fails', 'fails', 'fails']],
    ['moderate', ['fails', 'fails', 'below-threshold']],
    ['critical', ['fails', 'below-threshold', 'below-threshold']],
  ] as const)(
    'at fail-on %s decides critical, moderate, low as %j',
    (threshold, expected) => {
      const findings = [
        finding('GHSA-aaaa-aaaa-aaaa', 'critical', 'app>a'),
        finding('GHSA-bbbb-bbbb-bbbb', 'moderate', 'app>b'),
        finding('GHSA-cccc-cccc-cccc', 'low', 'app>c'),
      ]
      const result = assess(findings, {
        threshold,
        allow: [],
        today: '2026-01-01',
      })
      expect(result.findings.map((a) => a.status)).toEqual(expected)
    },
  )

  it('never lets an entry cover the paths left unlisted', () => {
    const unlisted = finding(
      'GHSA-aaaa-bbbb-cccc',
      'critical',
      'app>…>form-data',
      {
        unlisted: true,
      },
    )
    const options: AssessOptions = {
      threshold: 'high',
      allow: entries('GHSA-aaaa-bbbb-cccc|app>…>form-data'),
      today: '2026-01-01',
    }
    expect(assess([unlisted], options).failing).toHaveLength(1)
  })

  it('names the entries that matched nothing', () => {
    const options: AssessOptions = {
      threshold: 'high',
      allow: entries(
        'GHSA-aaaa-bbbb-cccc|app>request>form-data',
        'GHSA-zzzz-zzzz-zzzz|app>gone',
      ),
      today: '2026-01-01',
    }
    expect(
      assess([critical], options).unusedEntries.map((e) => e.text),
    ).toEqual(['GHSA-zzzz-zzzz-zzzz|app>gone'])
  })
})
