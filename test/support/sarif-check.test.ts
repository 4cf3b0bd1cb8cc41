import { describe, expect, it } from '@jest/globals'
import { expectValidSarif, sarifProblems, uriProblem } from './sarif-check.js'

// A small log written by hand to the SARIF 2.1.0 specification; each case
// below breaks one thing code scanning would refuse.
function log(
  result: Record<string, unknown> = {},
  run: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'scanner', rules: [{ id: 'r1' }] } },
        results: [
          {
            ruleId: 'r1',
            ruleIndex: 0,
            message: { text: 'found' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'src/a.ts' },
                  region: { startLine: 2 },
                },
              },
            ],
            partialFingerprints: { 'hash/v1': 'abc' },
            ...result,
          },
        ],
        ...run,
      },
    ],
  }
}

describe('sarifProblems', () => {
  it('finds nothing wrong with a well-formed log', () => {
    expectValidSarif(log())
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a result without a message', { message: undefined }, /message/],
    ['a start line of 0', regionAt({ startLine: 0 }), /startLine/],
    ['an unknown level', { level: 'fatal' }, /level/],
    ['a ruleId the driver does not list', { ruleId: 'r9' }, /r9 is not in/],
    ['a ruleIndex naming another rule', { ruleIndex: 3 }, /ruleIndex 3/],
    ['no ruleId', { ruleId: undefined, ruleIndex: undefined }, /no ruleId/],
    ['no fingerprints', { partialFingerprints: undefined }, /partialFinger/],
    ['no location', { locations: [] }, /no location/],
    ['a file:// URI', uri('file:///home/runner/work/r/r/a.ts'), /scheme/],
    ['an absolute URI', uri('/home/runner/a.ts'), /absolute/],
    ['a URI climbing out', uri('src/../../etc/passwd'), /\.\. part/],
    ['an encoded ..', uri('src/%2E%2E/x'), /\.\. part/],
  ])('refuses %s', (_, result, problem) => {
    expect(sarifProblems(log(result)).join('\n')).toMatch(problem)
  })

  it('refuses a second run of one tool in one category', () => {
    const one = log()
    const run = (one['runs'] as unknown[])[0]
    expect(sarifProblems({ ...one, runs: [run, run] })).toEqual([
      'runs[1]: a second run of scanner in one category',
    ])
  })

  it('takes two runs of one tool in two categories', () => {
    const run = (id: string): unknown =>
      (log({}, { automationDetails: { id } })['runs'] as unknown[])[0]
    const [a, b] = [run('a/'), run('b/')]
    expectValidSarif({ version: '2.1.0', runs: [a, b] })
  })

  it('refuses a run of more than 25 000 results', () => {
    const one = log()
    const run = (one['runs'] as { results: unknown[] }[])[0]
    const result = run?.results[0]
    const many = { ...run, results: Array(25_001).fill(result) }
    expect(sarifProblems({ ...one, runs: [many] })).toEqual([
      'runs[0]: 25001 results, more than 25000',
    ])
  })
})

describe('uriProblem', () => {
  it.each([
    ['src/a%20b.ts', undefined],
    ['..env', undefined],
    ['C:/x.ts', 'C:/x.ts has a scheme'],
    ['dir%5Cx.ts', 'dir%5Cx.ts has a backslash'],
    ['', 'an empty URI'],
  ])('says of %j: %s', (given, problem) => {
    expect(uriProblem(given)).toBe(problem)
  })
})

function regionAt(region: object): Record<string, unknown> {
  return {
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: 'a.ts' }, region },
      },
    ],
  }
}

function uri(value: string): Record<string, unknown> {
  return {
    locations: [{ physicalLocation: { artifactLocation: { uri: value } } }],
  }
}
