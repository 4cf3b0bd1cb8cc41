import { describe, expect, it } from '@jest/globals'
import {
  appStatus,
  isAutomated,
  operationRevision,
  operationStatus,
  syncWave,
  type Application,
} from './index.js'

const OLD = '1'.repeat(40)
const NEW = '2'.repeat(40)

// Written for these tests in the shape of an Argo CD v1alpha1 Application
// with two sources (a Helm chart and a values repository), field names as
// in argoproj/argo-cd pkg/apis/application/v1alpha1/types.go.
const multiSource: Application = {
  metadata: {
    name: 'cortex-monitoring',
    annotations: { 'argocd.argoproj.io/sync-wave': '0' },
  },
  spec: {
    project: 'cortex',
    sources: [
      { repoURL: 'https://prometheus-community.github.io/helm-charts' },
      { repoURL: 'https://github.com/example-org/cortex-gitops.git' },
    ],
    syncPolicy: { syncOptions: ['ServerSideApply=true'] },
  },
  status: {
    sync: { status: 'Synced', revisions: ['65.8.1', NEW] },
    health: { status: 'Degraded', message: 'one pod is crashing' },
    resources: [
      {
        kind: 'StatefulSet',
        name: 'prometheus',
        namespace: 'cortex-monitoring',
        health: {
          status: 'Degraded',
          message: 'Back-off restarting failed container',
        },
      },
      { kind: 'Service', name: 'prometheus', health: { status: 'Healthy' } },
      { kind: 'ConfigMap', name: 'rules' },
    ],
    operationState: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      operation: { sync: { revisions: ['65.8.1', NEW] } },
    },
  },
}

describe('appStatus', () => {
  it('reads a multi-source application: every revision, the degraded resources', () => {
    expect(appStatus(multiSource)).toEqual({
      name: 'cortex-monitoring',
      sync: 'Synced',
      revisions: ['65.8.1', NEW],
      multiSource: true,
      health: 'Degraded',
      healthMessage: 'one pod is crashing',
      operation: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        revisions: ['65.8.1', NEW],
      },
      degraded: [
        {
          kind: 'StatefulSet',
          name: 'prometheus',
          namespace: 'cortex-monitoring',
          message: 'Back-off restarting failed container',
        },
      ],
      automated: false,
    })
  })

  it('reads a single-source application by status.sync.revision', () => {
    const st = appStatus({
      metadata: { name: 'cortex-dashboard' },
      spec: { source: {}, syncPolicy: { automated: { prune: true } } },
      status: {
        sync: { status: 'OutOfSync', revision: OLD },
        health: { status: 'Healthy' },
      },
    })
    expect(st).toMatchObject({
      sync: 'OutOfSync',
      revisions: [OLD],
      multiSource: false,
      health: 'Healthy',
      degraded: [],
      automated: true,
    })
    expect(st.operation).toBeUndefined()
  })

  it.each<[string, unknown]>([
    ['an empty object', {}],
    [
      'fields of the wrong type',
      { status: { sync: 7, health: [], resources: 'x' } },
    ],
    ['null everywhere', { metadata: null, spec: null, status: null }],
  ])('reads %s as Unknown, never throwing', (_name, json) => {
    expect(appStatus(json as Application)).toEqual({
      name: '',
      sync: 'Unknown',
      revisions: [],
      multiSource: false,
      health: 'Unknown',
      healthMessage: '',
      degraded: [],
      automated: false,
    })
  })
})

describe('operationStatus', () => {
  it('counts a requested operation the controller has not started as Running', () => {
    // The answer to a sync: `operation` is set, operationState is the last one's.
    const app: Application = {
      operation: { sync: { revision: NEW } },
      status: {
        operationState: {
          phase: 'Failed',
          message: 'an old failure',
          operation: { sync: { revision: OLD } },
        },
      },
    }
    expect(operationStatus(app)).toEqual({
      phase: 'Running',
      message: 'waiting to start',
      revisions: [NEW],
    })
    expect(operationRevision(app)).toBe(NEW)
  })

  it('reads the running state once the controller has started it', () => {
    const running = { sync: { revision: NEW } }
    const app: Application = {
      operation: running,
      status: {
        operationState: {
          phase: 'Running',
          message: 'one or more tasks are running',
          operation: running,
        },
      },
    }
    expect(operationStatus(app)?.message).toBe('one or more tasks are running')
  })

  it('falls back on the sync result for the revision', () => {
    const app: Application = {
      status: {
        operationState: { phase: 'Error', syncResult: { revision: NEW } },
      },
    }
    expect(operationStatus(app)).toEqual({
      phase: 'Error',
      message: '',
      revisions: [NEW],
    })
  })

  it('is undefined when there has been no operation', () => {
    expect(operationRevision({ status: {} })).toBeUndefined()
  })
})

describe('syncWave', () => {
  const withWave = (value: unknown): Application => ({
    metadata: {
      name: 'cortex-dashboard',
      annotations: { 'argocd.argoproj.io/sync-wave': value },
    },
  })

  it.each<[unknown, number]>([
    ['1', 1],
    ['-5', -5],
    ['+2', 2],
    [' 3 ', 3],
    ['', 0],
    [undefined, 0],
  ])('reads %p as wave %p', (value, wave) => {
    expect(syncWave(withWave(value))).toBe(wave)
  })

  it('is 0 without annotations', () => {
    expect(syncWave({ metadata: { name: 'x' } })).toBe(0)
  })

  it.each(['1.5', 'two', '1e3', '99999999999999999999'])(
    'refuses %p, naming the application and the value',
    (value) => {
      expect(() => syncWave(withWave(value))).toThrow(
        `application cortex-dashboard: annotation argocd.argoproj.io/sync-wave is ${JSON.stringify(value)}, not a whole number`,
      )
    },
  )
})

describe('isAutomated', () => {
  it.each<[string, unknown, boolean]>([
    ['an automated block', { automated: { selfHeal: true } }, true],
    ['an empty automated block', { automated: {} }, true],
    [
      'automated switched off (Argo CD 3)',
      { automated: { enabled: false } },
      false,
    ],
    ['no automated block', { syncOptions: [] }, false],
    ['automated: null', { automated: null }, false],
  ])('reads %s', (_name, syncPolicy, automated) => {
    expect(isAutomated({ spec: { syncPolicy } })).toBe(automated)
  })
})
