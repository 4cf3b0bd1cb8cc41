// A stand-in for kubectl that logs every call to $FAKE_TOOLS_LOG and
// answers `get <kind>/<name> -o json [-n ns] [--context c]` from the script
// file $FAKE_KUBECTL_SCRIPT the test writes (test/support/fake-kubectl.ts):
//
//   { "objects": { "<namespace>/<kind>/<name>": [answer, …] },
//     "contexts": ["prod", …] }
//
// Each get of an object takes its next answer and the last one repeats, so
// a test scripts a rollout poll by poll. An answer holds any of:
//   object   printed as `kubectl get -o json` prints it (4-space indent)
//   stdout   raw text, for output that is not JSON
//   stderr   printed to standard error (a warning, or the error itself)
//   exit     the exit code (0 by default)
//   hangMs   answers only after this long, or never if killed first
// An object with no script is NotFound; with `contexts` set, a --context
// not in it does not exist. Error lines are kubectl's own wording.
import { fail, readState, record, writeState } from './fake-log.mjs'
import { readFileSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'

const args = process.argv.slice(2)
record('kubectl', args)

// kubectl's kind names, short names and plurals, and their resources.
const KINDS = {
  deployment: 'deployment',
  deployments: 'deployment',
  deploy: 'deployment',
  statefulset: 'statefulset',
  statefulsets: 'statefulset',
  sts: 'statefulset',
  daemonset: 'daemonset',
  daemonsets: 'daemonset',
  ds: 'daemonset',
}

if (args[0] !== 'get') {
  fail(
    `error: unknown command "${args[0] ?? ''}" for "kubectl"\nRun 'kubectl --help' for usage.`,
  )
}
const options = readOptions(args.slice(1))
if (options.output !== 'json') fail('fake kubectl: only -o json is scripted')
const script = JSON.parse(readFileSync(scriptFile(), 'utf8'))
if (
  options.context !== undefined &&
  script.contexts !== undefined &&
  !script.contexts.includes(options.context)
) {
  fail(`error: context "${options.context}" does not exist`)
}
const [kindText = '', name = ''] = options.ref.split('/')
const kind = KINDS[kindText.toLowerCase()]
if (kind === undefined) {
  fail(`error: the server doesn't have a resource type "${kindText}"`)
}
const key = `${options.namespace ?? 'default'}/${kind}/${name}`
const answers = script.objects?.[key]
if (!answers || answers.length === 0) {
  fail(`Error from server (NotFound): ${kind}s.apps "${name}" not found`)
}
const state = `kubectl-${key.replaceAll('/', '~')}`
const seen = readState(state, 0)
writeState(state, seen + 1)
await answer(answers[Math.min(seen, answers.length - 1)])

async function answer(given) {
  if (given.hangMs) {
    // As kubectl against an API server that accepts the connection and
    // is slow to answer; bounded, so a fake nobody kills still ends.
    await sleep(given.hangMs)
  }
  if (given.stderr) process.stderr.write(`${given.stderr}\n`)
  if (given.object !== undefined) {
    process.stdout.write(`${JSON.stringify(given.object, null, 4)}\n`)
  }
  if (given.stdout !== undefined) process.stdout.write(given.stdout)
  process.exitCode = given.exit ?? 0
}

/** The reference, -o, -n and --context, in any order and either form. */
function readOptions(list) {
  const found = { ref: '' }
  const names = {
    '-o': 'output',
    '--output': 'output',
    '-n': 'namespace',
    '--namespace': 'namespace',
    '--context': 'context',
  }
  for (let i = 0; i < list.length; i += 1) {
    const arg = list[i]
    const [flag, joined] = arg.includes('=') ? arg.split(/=(.*)/) : [arg]
    const field = names[flag]
    if (field !== undefined) {
      found[field] = joined ?? list[(i += 1)]
    } else if (arg.startsWith('-')) {
      fail(`error: unknown flag: ${arg}`)
    } else {
      found.ref = arg
    }
  }
  return found
}

function scriptFile() {
  const file = process.env.FAKE_KUBECTL_SCRIPT
  if (!file) fail('fake kubectl: FAKE_KUBECTL_SCRIPT is not set', 97)
  return file
}
