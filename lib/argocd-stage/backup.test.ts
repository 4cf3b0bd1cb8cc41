import { describe, expect, it } from '@jest/globals'
import type { Application } from '../argocd/index.js'
import {
  backupOf,
  BackupError,
  deployedRevision,
  parseBackup,
} from './index.js'

// Applications written for these tests in the shape of Argo CD's v1alpha1
// Application (status.sync, status.health, status.history), holding only
// the fields the backup reads.
const A = 'a'.repeat(40)
const B = 'b'.repeat(40)
const C = 'c'.repeat(40)

function app(
  sync: string,
  revision: string,
  history: unknown[],
  more: Record<string, unknown> = {},
): Application {
  return {
    metadata: { name: 'cortex-dashboard' },
    spec: { source: { path: 'apps/dashboard' }, ...more },
    status: {
      sync: { status: sync, revision },
      health: { status: 'Healthy' },
      history,
    },
  }
}

describe('deployedRevision', () => {
  it.each<[string, Application, string, number | undefined]>([
    [
      'Synced: the compared revision, and its deployment',
      app('Synced', B, [
        { id: 3, revision: A },
        { id: 4, revision: B },
      ]),
      B,
      4,
    ],
    [
      'OutOfSync at a revision not deployed yet: the last deployment',
      app('OutOfSync', C, [
        { id: 3, revision: A },
        { id: 4, revision: B },
      ]),
      B,
      4,
    ],
    [
      'Synced at a later commit that left it alone: the last deployment’s id',
      app('Synced', C, [{ id: 7, revision: B }]),
      C,
      7,
    ],
    [
      'the latest deployment of a revision deployed twice',
      app('Synced', A, [
        { id: 1, revision: A },
        { id: 2, revision: B },
        { id: 3, revision: A },
      ]),
      A,
      3,
    ],
    ['no history: no id', app('OutOfSync', C, []), C, undefined],
    [
      'an id as the API may write int64, a string',
      app('Synced', A, [{ id: '12', revision: A }]),
      A,
      12,
    ],
  ])('reads %s', (_name, application, revision, historyId) => {
    const deployed = deployedRevision(application)
    expect(deployed.revision).toBe(revision)
    expect(deployed.historyId).toBe(historyId)
  })

  it('takes the commit among the revisions of several sources', () => {
    const multi: Application = {
      metadata: { name: 'cortex-monitoring' },
      spec: { sources: [{ chart: 'kube-prometheus-stack' }, { path: 'apps' }] },
      status: {
        sync: { status: 'Synced', revisions: ['65.8.1', A] },
        health: { status: 'Healthy' },
        history: [{ id: 2, revisions: ['65.8.1', A] }],
      },
    }
    expect(backupOf([multi], 0).applications[0]).toEqual({
      name: 'cortex-monitoring',
      revision: A,
      revisions: ['65.8.1', A],
      sync: 'Synced',
      health: 'Healthy',
      historyId: 2,
      automated: false,
    })
  })
})

describe('backupOf', () => {
  it('records each application with the time, as rollback reads it back', () => {
    const automated = app('Synced', A, [{ id: 0, revision: A }], {
      syncPolicy: { automated: { selfHeal: true } },
    })
    const backup = backupOf([automated], Date.UTC(2025, 5, 1, 12))
    expect(backup).toEqual({
      version: 1,
      recordedAt: '2025-06-01T12:00:00.000Z',
      applications: [
        {
          name: 'cortex-dashboard',
          revision: A,
          sync: 'Synced',
          health: 'Healthy',
          historyId: 0,
          automated: true,
        },
      ],
    })
    expect(parseBackup(JSON.stringify(backup))).toEqual(backup)
  })
})

describe('parseBackup', () => {
  const entry = { name: 'cortex-dashboard', revision: A }
  const doc = (applications: unknown): string =>
    JSON.stringify({ version: 1, applications })

  it('reads a minimal entry, the rest as unknown', () => {
    expect(parseBackup(doc([entry])).applications).toEqual([
      { ...entry, sync: 'Unknown', health: 'Unknown', automated: false },
    ])
  })

  it.each<[string, string, string]>([
    ['not JSON', '{', 'not JSON ('],
    ['a list', '[]', 'not a JSON object'],
    ['no version', '{"applications":[]}', 'version is undefined, not 1'],
    ['no applications', doc([]), 'applications is not a list of at least one'],
    ['an entry that is text', doc(['x']), 'applications[0] is not an object'],
    [
      'a name that is no application’s',
      doc([{ ...entry, name: 'Cortex Dashboard' }]),
      'applications[0].name is not an application name',
    ],
    [
      'no revision',
      doc([{ name: 'cortex-dashboard' }]),
      'cortex-dashboard: revision is missing',
    ],
    [
      'a history id below 0',
      doc([{ ...entry, historyId: -1 }]),
      'cortex-dashboard: historyId is not a whole number',
    ],
    [
      'an application twice',
      doc([entry, entry]),
      'application cortex-dashboard is recorded twice',
    ],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseBackup(text)).toThrow(BackupError)
    expect(() => parseBackup(text)).toThrow(message)
  })
})
