import { describe, expect, it } from '@jest/globals'
import type { SavedSummary } from '../src/summary-file.js'
import { SUMMARY_FORMAT } from '../src/summary-file.js'
import { savedTargetOf, targetOf } from '../src/target.js'

const SHA = 'a'.repeat(40)

function pullPayload(headRepo: string | null) {
  return {
    pull_request: {
      number: 7,
      head: {
        sha: SHA,
        repo: headRepo === null ? null : { full_name: headRepo },
      },
      base: { repo: { full_name: 'o/r' } },
    },
  }
}

describe('targetOf', () => {
  it.each([
    ['pull_request', 'o/r', 'octocat', undefined],
    ['pull_request', 'fork/r', 'octocat', /comes from fork\/r/],
    ['pull_request', null, 'octocat', /comes from a deleted fork/],
    ['pull_request', 'o/r', 'dependabot[bot]', /Dependabot/],
    ['pull_request_target', 'fork/r', 'octocat', undefined],
  ])(
    'on %s from %s by %s is read-only: %s',
    (eventName, repo, actor, readOnly) => {
      const target = targetOf({ eventName, actor, payload: pullPayload(repo) })
      expect(target.number).toBe(7)
      expect(target.headSha).toBe(SHA)
      if (readOnly === undefined) expect(target.readOnly).toBeUndefined()
      else expect(target.readOnly).toMatch(readOnly)
    },
  )
})

describe('savedTargetOf', () => {
  const saved: SavedSummary = {
    format: SUMMARY_FORMAT,
    id: 'main',
    repository: 'o/r',
    pr: 7,
    headSha: SHA,
    body: 'b',
    full: 'f',
  }

  it('takes a saved summary on workflow_run for the same commit', () => {
    const payload = { workflow_run: { head_sha: SHA } }
    expect(
      savedTargetOf({ eventName: 'workflow_run', payload }, saved),
    ).toEqual({
      number: 7,
      headSha: SHA,
    })
  })

  it('refuses one for another pull request on pull_request_target', () => {
    const payload = pullPayload('fork/r')
    payload.pull_request.number = 8
    expect(() =>
      savedTargetOf({ eventName: 'pull_request_target', payload }, saved),
    ).toThrow(
      `the event payload's pull_request.number: got "8"; expected the pull request the summary file is for (#7)`,
    )
  })

  it('refuses other events', () => {
    expect(() =>
      savedTargetOf({ eventName: 'push', payload: {} }, saved),
    ).toThrow(
      'GITHUB_EVENT_NAME: got "push"; expected one of pull_request, pull_request_target, workflow_run',
    )
  })
})
