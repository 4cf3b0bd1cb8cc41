// A fake `kubectl` on PATH for the rollout tests: the test scripts what
// each `kubectl get` of an object prints, poll by poll, and reads back the
// calls (see fake-tools/fake-kubectl.mjs for what it answers).
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { runCommand, type CommandRunner } from '../../lib/command/index.js'
import { FAKE_TOOLS_DIR } from './fake-tools.js'

/** What one `kubectl get` prints and how it exits. */
export interface KubectlAnswer {
  /** Printed as JSON, as `-o json` prints it. */
  object?: unknown
  /** Raw text on standard output. */
  stdout?: string
  stderr?: string
  /** 0 by default. */
  exit?: number
  /** Answers only after this many milliseconds, unless killed first. */
  hangMs?: number
}

/** kubectl's own error answers, word for word. */
export const kubectlSays = {
  notFound: (resource: string, name: string): KubectlAnswer => ({
    stderr: `Error from server (NotFound): ${resource} "${name}" not found`,
    exit: 1,
  }),
  forbidden: (
    resource: string,
    name: string,
    namespace: string,
  ): KubectlAnswer => {
    const [plural, group = ''] = resource.split(/\.(.*)/)
    return {
      stderr:
        `Error from server (Forbidden): ${resource} "${name}" is forbidden: ` +
        `User "system:serviceaccount:ci:deployer" cannot get resource ` +
        `"${plural}" in API group "${group}" in the namespace "${namespace}"`,
      exit: 1,
    }
  },
  unauthorized: (): KubectlAnswer => ({
    stderr: 'error: You must be logged in to the server (Unauthorized)',
    exit: 1,
  }),
  refused: (): KubectlAnswer => ({
    stderr:
      'E0104 10:00:00.123456   4242 memcache.go:265] couldn\'t get current server API group list: Get "https://127.0.0.1:6443/api?timeout=32s": dial tcp 127.0.0.1:6443: connect: connection refused\n' +
      'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?',
    exit: 1,
  }),
}

/** The fake kubectl, its script and its call log. */
export interface FakeKubectl {
  /** The temp folder holding the script and the log. */
  dir: string
  /** PATH with the fake first, the log and the script. */
  env: Record<string, string>
  /** runCommand with `env` over the process's own: kubectl is the fake. */
  run: CommandRunner
  /**
   * Scripts the answers to `kubectl get` of one object, named
   * `namespace/kind/name` or `kind/name` (namespace default).
   */
  script(object: string, ...answers: KubectlAnswer[]): void
  /** The contexts the kubeconfig has; any context is accepted until set. */
  contexts(names: string[]): void
  /** The arguments of every call so far, in order. */
  calls(): string[][]
  cleanup(): void
}

interface Script {
  objects: Record<string, KubectlAnswer[]>
  contexts?: string[]
}

/** Sets up a fake kubectl with nothing scripted: every object is NotFound. */
export function createFakeKubectl(): FakeKubectl {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-fake-kubectl-'))
  const log = path.join(dir, 'calls.jsonl')
  const scriptFile = path.join(dir, 'script.json')
  fs.writeFileSync(log, '')
  const script: Script = { objects: {} }
  const save = (): void =>
    fs.writeFileSync(scriptFile, JSON.stringify(script, null, 2))
  save()
  // The fake comes first: a real kubectl may be installed further on.
  const PATH = [FAKE_TOOLS_DIR.replace(/\/$/, ''), process.env.PATH ?? '']
    .filter(Boolean)
    .join(path.delimiter)
  const env = { PATH, FAKE_TOOLS_LOG: log, FAKE_KUBECTL_SCRIPT: scriptFile }
  return {
    dir,
    env,
    run: (command, args, options = {}) =>
      runCommand(command, args, {
        ...options,
        env: { ...options.env, ...env },
      }),
    script: (object, ...answers) => {
      const key = object.split('/').length === 2 ? `default/${object}` : object
      script.objects[key] = answers
      save()
    },
    contexts: (names) => {
      script.contexts = names
      save()
    },
    calls: () =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { args: string[] }).args),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
