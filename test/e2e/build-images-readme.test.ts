import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import type {
  ImagesFixture,
  Trigger,
} from '../../actions/build-images/test/run-bundle.js'
import {
  REGISTRY_PASSWORD,
  expectSuccess,
  imagesOutput,
  leaks,
  requireBundle,
  startFixture,
} from '../../actions/build-images/test/run-bundle.js'

// Every example of actions/build-images/README.md, run as written: each
// workflow's build-images step on each event its `on:` names, its `${{ }}`
// expressions evaluated as GitHub would, and the laptop command through
// scripts/local-run.js from a repository beside a cortex-actions checkout.

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const README = fs.readFileSync(
  path.join(ROOT, 'actions/build-images/README.md'),
  'utf8',
)
const STEP = '<owner>/cortex-actions/actions/build-images@v1'

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

/** The fenced blocks of one language, in order. */
function blocks(language: string): string[] {
  const fence = new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g')
  return [...README.matchAll(fence)].map((match) => match[1] ?? '')
}

interface Example {
  /** Which block, for the test's name. */
  name: string
  with: Record<string, string>
  events: string[]
  idToken: boolean
  /** The registries docker/login-action steps before it log in to. */
  logins: string[]
}

/** Each YAML block's build-images step, the events it runs on. */
function examples(): Example[] {
  return blocks('yaml').map((text, index) => {
    const doc = parse(text) as Record<string, unknown> | unknown[]
    const workflow = Array.isArray(doc) ? undefined : doc
    const steps = Array.isArray(doc)
      ? doc
      : Object.values(
          workflow?.jobs as Record<string, { steps: unknown[] }>,
        ).flatMap((job) => job.steps)
    const step = steps.find((s) => (s as { uses?: string }).uses === STEP) as
      { with: Record<string, unknown> } | undefined
    const logins = (steps as { uses?: string; with?: { registry?: string } }[])
      .filter((s) => s.uses?.startsWith('docker/login-action@'))
      .map((s) => s.with?.registry ?? 'docker.io')
    if (step === undefined) throw new Error(`yaml block ${index + 1}: no step`)
    const on = (workflow?.on ?? { push: { branches: ['main'] } }) as Record<
      string,
      { branches?: string[]; tags?: string[] } | null
    >
    const events = Object.entries(on).flatMap(([event, spec]) =>
      event === 'push'
        ? [
            ...(spec?.branches ? ['push-branch'] : []),
            ...(spec?.tags ? ['push-tag'] : []),
          ]
        : [event],
    )
    const permissions = (workflow?.permissions ?? {}) as Record<string, string>
    return {
      name: `yaml block ${index + 1}`,
      with: Object.fromEntries(
        Object.entries(step.with).map(([k, v]) => [k, String(v)]),
      ),
      events,
      idToken: permissions['id-token'] === 'write',
      logins,
    }
  })
}

/** The event a run gets, by the names `examples` gives them. */
function triggerOf(event: string, head: string): Trigger {
  switch (event) {
    case 'push-branch':
      return { ref: 'refs/heads/main' }
    case 'push-tag':
      return { ref: 'refs/tags/v1.2.3' }
    case 'pull_request':
      return {
        event,
        ref: 'refs/pull/7/merge',
        payload: { pull_request: { number: 7, head: { sha: head } } },
      }
    case 'release':
      return {
        event,
        ref: 'refs/tags/v1.2.3',
        payload: { action: 'published', release: { tag_name: 'v1.2.3' } },
      }
    default:
      throw new Error(`the README's workflow runs on ${event}, untested here`)
  }
}

/** `${{ }}` as GitHub evaluates the few the README uses; others fail. */
function evaluate(value: string, event: string): string {
  const known: Record<string, string> = {
    'github.repository': 'org/app',
    "github.event_name != 'pull_request'": String(event !== 'pull_request'),
    'secrets.GITHUB_TOKEN': REGISTRY_PASSWORD,
  }
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const result = known[expression]
    if (result === undefined) {
      throw new Error(`the README uses ${expression}, which this test lacks`)
    }
    return result
  })
}

const cases = examples().flatMap((example) =>
  example.events.map((event) => [example.name, event, example] as const),
)

describe('the build-images README', () => {
  it('has the examples this test runs', () => {
    expect(cases.map(([name, event]) => `${name} ${event}`)).toEqual([
      'yaml block 1 push-branch',
      'yaml block 1 push-tag',
      'yaml block 1 pull_request',
      'yaml block 2 release',
      'yaml block 3 push-branch',
      'yaml block 4 push-branch',
    ])
  })

  it.each(cases)('%s works on %s', async (_, event, example) => {
    // docker holds the logins of the example's docker/login-action steps,
    // and refuses a push to a registry it holds none for.
    fx = startFixture({ FAKE_DOCKER_AUTHS: example.logins.join(',') })
    fx.repo.tag('v1.2.3')
    const inputs = Object.fromEntries(
      Object.entries(example.with).map(([k, v]) => [k, evaluate(v, event)]),
    )
    const run = await fx.run(
      inputs,
      triggerOf(event, fx.head),
      example.idToken
        ? { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' }
        : {},
    )
    expectSuccess(run)
    expect(imagesOutput(run).length).toBeGreaterThan(0)
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
    expect(fx.fakes.loggedIn()).toEqual(example.logins)
    const pushed = inputs.push !== 'false'
    expect(fx.fakes.callsOf('docker', 'login').length > 0).toBe(pushed)
  })

  it('runs the laptop command as written, from a repository beside cortex-actions', () => {
    const [command] = blocks('sh')
    if (command === undefined) throw new Error('no sh block')
    fx = startFixture()
    fs.symlinkSync(ROOT, path.join(fx.repo.dir, 'cortex-actions'))
    const ran = spawnSync('sh', ['-c', command], {
      cwd: fx.repo.workDir,
      encoding: 'utf8',
      // No GITHUB_* of this machine: the command sets what it needs. The
      // checkout is linked in, and local-run.js runs only when argv[1] is
      // its own path, which node gives as the link's target without this.
      env: {
        NODE_OPTIONS: '--preserve-symlinks-main',
        PATH: fx.fakes.PATH,
        FAKE_TOOLS_LOG: fx.fakes.env.FAKE_TOOLS_LOG,
        ...(process.env.HOME ? { HOME: process.env.HOME } : {}),
      },
    })
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    expect(ran.stdout).toContain(
      '## Build images (dry run): would build and push 1 image',
    )
    expect(fx.fakes.calls()).toEqual([])
  })
})
