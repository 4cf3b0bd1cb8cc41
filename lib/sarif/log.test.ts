import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { expectValidSarif } from '../../test/support/sarif-check.js'
import {
  MAX_RESULTS_PER_RUN,
  fingerprint,
  repoUri,
  sarifLog,
  writeSarifFile,
} from './log.js'
import type { FindingInput, ToolRunInput } from './types.js'

describe('repoUri', () => {
  it.each([
    ['src/a.ts', undefined, 'src/a.ts'],
    ['./src/a.ts', undefined, 'src/a.ts'],
    [
      '/home/runner/work/r/r/src/a b.ts',
      '/home/runner/work/r/r',
      'src/a%20b.ts',
    ],
    ['package-lock.json', '/w', 'package-lock.json'],
    ['a//b/./c.ts', undefined, 'a/b/c.ts'],
    ['C:/x.ts', undefined, 'C%3A/x.ts'],
    ['dir\\win.ts', undefined, 'dir/win.ts'],
  ])('writes %s (workspace %s) as %s', (path, workspace, uri) => {
    expect(repoUri(path, workspace)).toBe(uri)
  })

  it('refuses a path outside the workspace', () => {
    expect(() => repoUri('/etc/passwd', '/home/runner/work/r/r')).toThrow(
      /outside the workspace/,
    )
  })

  it.each(['../secrets.env', 'a/../../b', '/w/x/../../y'])(
    'refuses %s, which climbs out with ..',
    (path) => {
      expect(() => repoUri(path, '/w/x')).toThrow(/outside|climbs out/)
    },
  )

  it('keeps a name that merely starts with two dots', () => {
    expect(repoUri('/w/..env', '/w')).toBe('..env')
  })
})

describe('fingerprint', () => {
  it('is stable, short and does not contain its parts', () => {
    const parts = ['aws-access-key', 'src/a.ts', 'AKIA****']
    expect(fingerprint(parts)).toBe(fingerprint([...parts]))
    expect(fingerprint(parts)).toMatch(/^[0-9a-f]{32}$/)
    expect(fingerprint(['ab', 'c'])).not.toBe(fingerprint(['a', 'bc']))
  })
})

describe('sarifLog', () => {
  it('writes one run per tool with rules, relative locations and suppressions', () => {
    const log = sarifLog(
      [
        {
          tool: 'cortex-secret-scan',
          version: '1.0.0',
          category: 'secrets',
          rules: [
            {
              id: 'stripe-key',
              description: 'Stripe live key',
              level: 'error',
            },
          ],
          findings: [
            {
              ruleId: 'stripe-key',
              message: 'Stripe live key sk_live_****',
              path: '/w/r/config.env',
              line: 3,
              identity: ['stripe-key', 'config.env', 'sk_live_****'],
            },
            {
              ruleId: 'stripe-key',
              message: 'Stripe live key sk_live_****',
              path: 'docs/a.md',
              identity: ['stripe-key', 'docs/a.md', 'sk_live_****'],
              suppression: { kind: 'inSource', justification: 'allow comment' },
            },
          ],
        },
      ],
      { workspace: '/w/r' },
    )
    expectValidSarif(log)
    expect(log.version).toBe('2.1.0')
    expect(log.runs).toHaveLength(1)
    const run = log.runs[0] as {
      automationDetails: unknown
      results: Record<string, unknown>[]
    }
    expect(run.automationDetails).toEqual({ id: 'secrets/' })
    expect(run.results[0]).toMatchObject({
      ruleId: 'stripe-key',
      ruleIndex: 0,
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'config.env' },
            region: { startLine: 3 },
          },
        },
      ],
    })
    expect(run.results[1]).toMatchObject({
      locations: [{ physicalLocation: { region: { startLine: 1 } } }],
      suppressions: [{ kind: 'inSource', justification: 'allow comment' }],
    })
  })

  it('refuses a finding of a rule the run does not list', () => {
    expect(() =>
      sarifLog([
        {
          tool: 't',
          version: '1',
          rules: [],
          findings: [{ ruleId: 'x', message: 'm', path: 'a', identity: [] }],
        },
      ]),
    ).toThrow(/unknown rule x/)
  })

  it('writes the runs of C63 as one log code scanning takes', () => {
    // C63: secrets, licenses and audit in one log, from a checkout at
    // /home/runner/work/r/r; license and audit findings on the lockfile.
    const workspace = '/home/runner/work/r/r'
    const run = (tool: string, category: string, paths: string[]) => ({
      tool,
      version: '1.0.0',
      category,
      rules: [{ id: `${category}/rule`, description: `a ${category} rule` }],
      findings: paths.map((path, i) => ({
        ruleId: `${category}/rule`,
        message: `finding ${i}`,
        path,
        identity: [category, path, String(i)],
      })),
    })
    const log = sarifLog(
      [
        run('cortex-secret-scan', 'secrets', [
          `${workspace}/config/app.env`,
          'src/settings.ts',
        ]),
        run('cortex-license-check', 'licenses', [
          'package-lock.json',
          'package-lock.json',
        ]),
        run('cortex-dependency-audit', 'audit', ['package-lock.json']),
      ],
      { workspace },
    )
    expectValidSarif(log)
    expect(log.runs).toHaveLength(3)
  })

  it('writes a fingerprint the stage made as it is', () => {
    const log = sarifLog([
      oneRun([{ ruleId: 'r', message: 'm', path: 'a', fingerprint: 'f00d' }]),
    ])
    expectValidSarif(log)
    const results = log.runs[0]?.['results'] as unknown[]
    expect(results[0]).toMatchObject({
      partialFingerprints: { 'cortexFindingHash/v1': 'f00d' },
    })
  })

  it('refuses a finding with neither identity nor fingerprint', () => {
    expect(() =>
      sarifLog([oneRun([{ ruleId: 'r', message: 'm', path: 'a' }])]),
    ).toThrow(/neither an identity nor a fingerprint/)
  })

  it('refuses two runs of one tool in one category', () => {
    const run = oneRun([])
    expect(() => sarifLog([run, run])).toThrow(
      /two runs of t in category secrets/,
    )
    expectValidSarif(sarifLog([run, { ...run, category: 'other' }]))
  })

  it('refuses a rule listed twice', () => {
    const run = oneRun([])
    expect(() =>
      sarifLog([{ ...run, rules: [...run.rules, ...run.rules] }]),
    ).toThrow(/rule r listed twice/)
  })

  it('clamps lines and columns to 1 and up', () => {
    const log = sarifLog([
      oneRun([{ ...finding(0), line: 0, column: 0, endLine: -3 }]),
    ])
    expectValidSarif(log)
    const results = log.runs[0]?.['results'] as unknown[]
    expect(results[0]).toMatchObject({
      locations: [
        {
          physicalLocation: {
            region: { startLine: 1, startColumn: 1, endLine: 1 },
          },
        },
      ],
    })
  })

  it('keeps at most 25 000 results a run, unsuppressed first, and says so', () => {
    const findings = Array.from({ length: MAX_RESULTS_PER_RUN + 2 }, (_, i) =>
      i < 5
        ? {
            ...finding(i),
            suppression: { kind: 'external' as const, justification: 'b' },
          }
        : finding(i),
    )
    const log = sarifLog([oneRun(findings)])
    const run = log.runs[0] as {
      results: { suppressions?: unknown }[]
      invocations: unknown
    }
    expect(run.results).toHaveLength(MAX_RESULTS_PER_RUN)
    expect(run.results.filter((r) => r.suppressions)).toHaveLength(3)
    expect(JSON.stringify(run.invocations)).toContain('2 more results left out')
    expectValidSarif(log)
  })
})

describe('writeSarifFile', () => {
  it('writes the log as JSON into a folder it makes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-sarif-'))
    try {
      const file = join(dir, 'deep', 'out.sarif')
      const log = sarifLog([oneRun([finding(1)])])
      writeSarifFile(file, log)
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(log)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

function finding(i: number): FindingInput {
  return { ruleId: 'r', message: `m${i}`, path: 'a.ts', identity: [`${i}`] }
}

function oneRun(findings: FindingInput[]): ToolRunInput {
  return {
    tool: 't',
    version: '1.0.0',
    category: 'secrets',
    rules: [{ id: 'r', description: 'a rule' }],
    findings,
  }
}
