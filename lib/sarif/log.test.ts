import { describe, expect, it } from '@jest/globals'
import { fingerprint, repoUri, sarifLog } from './log.js'

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
  ])('writes %s as %s', (path, workspace, uri) => {
    expect(repoUri(path, workspace)).toBe(uri)
  })

  it('refuses a path outside the workspace', () => {
    expect(() => repoUri('/etc/passwd', '/home/runner/work/r/r')).toThrow(
      /outside the workspace/,
    )
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
})
