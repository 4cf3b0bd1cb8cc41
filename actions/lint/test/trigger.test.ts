import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { ContextError } from '../../../lib/runner/index.js'
import { mergeGroupPulls, pullFromJson, readTrigger } from '../src/trigger.js'
import { loadEvent } from './lint-run.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0))
    rmSync(dir, { recursive: true, force: true })
})

function eventFile(payload: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-lint-event-'))
  dirs.push(dir)
  const file = join(dir, 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return file
}

describe('readTrigger', () => {
  it('checks the local branch when no event is named', () => {
    expect(readTrigger({})).toEqual({ kind: 'local' })
  })

  it('reads the pull request of a pull_request event', () => {
    const path = eventFile(loadEvent('pull_request-opened'))
    expect(
      readTrigger({ eventName: 'pull_request', eventPath: path }),
    ).toMatchObject({
      kind: 'pull',
      event: 'pull_request',
      repository: 'example-org/cortex',
      pull: {
        number: 12,
        title: 'feat(dashboard): dark theme',
        headRef: 'feat/dark-theme',
        fork: false,
        changedFiles: 4,
      },
    })
  })

  it('tells a fork by its head repository (C70)', () => {
    const path = eventFile(loadEvent('pull_request-fork'))
    const trigger = readTrigger({
      eventName: 'pull_request_target',
      eventPath: path,
      repository: 'example-org/cortex',
    })
    expect(trigger).toMatchObject({ kind: 'pull', pull: { fork: true } })
  })

  it('C48 reads the pull request of a merge group from its queue branch', () => {
    const path = eventFile(loadEvent('merge_group'))
    expect(readTrigger({ eventName: 'merge_group', eventPath: path })).toEqual({
      kind: 'merge-group',
      repository: 'example-org/cortex',
      numbers: [12],
      headRef:
        'refs/heads/gh-readonly-queue/main/pr-12-9f2b4c6d8e0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c',
    })
  })

  it.each(['push', 'workflow_dispatch', 'issue_comment'])(
    'refuses a %s event, naming the events it reads',
    (eventName) => {
      expect(() => readTrigger({ eventName })).toThrow(
        new ContextError(
          'GITHUB_EVENT_NAME',
          eventName,
          'one of pull_request, pull_request_target, merge_group; lint checks pull requests (run it without GITHUB_EVENT_NAME to check a local branch)',
        ),
      )
    },
  )

  it('refuses a payload without a pull request', () => {
    const path = eventFile({ repository: { full_name: 'o/r' } })
    expect(() =>
      readTrigger({ eventName: 'pull_request', eventPath: path }),
    ).toThrow('the event payload\'s pull_request: got "null"')
  })

  it('needs the repository from somewhere', () => {
    const path = eventFile({})
    expect(() =>
      readTrigger({ eventName: 'pull_request', eventPath: path }),
    ).toThrow('GITHUB_REPOSITORY: got ""; expected owner/name')
  })

  it('says when the payload is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-lint-event-'))
    dirs.push(dir)
    writeFileSync(join(dir, 'event.json'), '{')
    expect(() =>
      readTrigger({
        eventName: 'pull_request',
        eventPath: join(dir, 'event.json'),
      }),
    ).toThrow('is not JSON')
  })
})

describe('mergeGroupPulls', () => {
  it.each<[string, number]>([
    [
      'refs/heads/gh-readonly-queue/main/pr-12-9f2b4c6d8e0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c',
      12,
    ],
    ['gh-readonly-queue/release/1.x/pr-7-abcdef1', 7],
  ])('reads %s as #%d', (ref, number) => {
    expect(mergeGroupPulls(ref)).toEqual([number])
  })

  it.each(['refs/heads/main', 'gh-readonly-queue/main/pr-x-abc1234', ''])(
    'refuses %j rather than guess',
    (ref) => {
      expect(() => mergeGroupPulls(ref)).toThrow(
        "the event payload's merge_group.head_ref",
      )
    },
  )
})

describe('pullFromJson', () => {
  it('treats a deleted fork (head.repo null) as a fork', () => {
    expect(
      pullFromJson({
        number: 3,
        title: 't',
        head: { ref: 'x', repo: null },
        base: { repo: { full_name: 'o/r' } },
      }),
    ).toEqual({
      number: 3,
      title: 't',
      body: null,
      labels: [],
      headRef: 'x',
      fork: true,
    })
  })
})
