import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { nothingToBuild, readTrigger } from '../src/event-context.js'

let workspace: string
beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-trigger-'))
})
afterAll(() => fs.rmSync(workspace, { recursive: true, force: true }))

describe('readTrigger', () => {
  function eventFile(payload: unknown): string {
    const file = path.join(workspace, 'event.json')
    fs.writeFileSync(file, JSON.stringify(payload))
    return file
  }

  it('takes a pull request number and head from the payload (C26)', () => {
    const eventPath = eventFile({
      pull_request: { number: 42, head: { sha: 'b'.repeat(40) } },
    })
    expect(
      readTrigger({
        eventName: 'pull_request',
        ref: 'refs/pull/42/merge',
        eventPath,
      }),
    ).toEqual({
      event: 'pull_request',
      ref: 'refs/pull/42/merge',
      pullRequest: { number: 42, headSha: 'b'.repeat(40) },
    })
  })

  it('takes a release tag from the payload', () => {
    const eventPath = eventFile({ release: { tag_name: 'v1.2.3' } })
    expect(readTrigger({ eventName: 'release', eventPath })).toEqual({
      event: 'release',
      releaseTag: 'v1.2.3',
    })
  })

  // Payloads shaped after GitHub's release webhook: `action` beside
  // `release.tag_name` and `release.prerelease`.
  it.each<[string, object, object]>([
    [
      'a published release',
      {
        action: 'published',
        release: { tag_name: 'v2.3.0', prerelease: false },
      },
      { releaseAction: 'published' },
    ],
    [
      'a published pre-release',
      {
        action: 'published',
        release: { tag_name: 'v2.3.0', prerelease: true },
      },
      { releaseAction: 'published', prerelease: true },
    ],
    [
      'a prereleased action',
      { action: 'prereleased', release: { tag_name: 'v2.3.0' } },
      { releaseAction: 'prereleased', prerelease: true },
    ],
    [
      'a deleted release',
      { action: 'deleted', release: { tag_name: 'v2.3.0' } },
      { releaseAction: 'deleted' },
    ],
  ])('reads the action of %s', (_, payload, expected) => {
    const eventPath = eventFile(payload)
    expect(readTrigger({ eventName: 'release', eventPath })).toEqual({
      event: 'release',
      releaseTag: 'v2.3.0',
      ...expected,
    })
  })

  it.each([
    ['no payload file', undefined],
    ['a payload without the fields', { pull_request: { number: '42' } }],
    ['a payload that is not an object', [1]],
  ])('reads %s as an event without details', (_, payload) => {
    const eventPath = payload === undefined ? undefined : eventFile(payload)
    expect(
      readTrigger({
        eventName: 'pull_request',
        ...(eventPath ? { eventPath } : {}),
      }),
    ).toEqual({ event: 'pull_request' })
  })

  it('says which payload is not JSON', () => {
    const eventPath = path.join(workspace, 'bad.json')
    fs.writeFileSync(eventPath, '{')
    expect(() => readTrigger({ eventPath })).toThrow(
      `the event payload ${eventPath} is not JSON`,
    )
  })
})

describe('nothingToBuild', () => {
  it.each<[string, string | undefined, boolean]>([
    ['published', 'published', true],
    ['released', 'released', true],
    ['prereleased', 'prereleased', true],
    ['without an action', undefined, true],
    ['created', 'created', false],
    ['edited', 'edited', false],
    ['deleted', 'deleted', false],
    ['unpublished', 'unpublished', false],
  ])('lets a release %s build: %s', (_, releaseAction, builds) => {
    const reason = nothingToBuild({
      event: 'release',
      releaseTag: 'v1.0.0',
      ...(releaseAction === undefined ? {} : { releaseAction }),
    })
    expect(reason === undefined).toBe(builds)
  })

  it('lets every other event build', () => {
    expect(
      nothingToBuild({ event: 'push', releaseAction: 'deleted' }),
    ).toBeUndefined()
  })
})
