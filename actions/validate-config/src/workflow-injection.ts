// Rules workflow-injection and workflow-pr-target-checkout: untrusted text
// must never become code. An expression is expanded into the script before
// the shell reads it, so `${{ github.event.pull_request.title }}` inside
// run: runs whatever the title says; through env: it stays data. And
// pull_request_target runs with the base repository's secrets, so it must
// never check out the pull request's head.
import type { Finding } from './findings.js'
import { findingAt, findingAtOffset } from './findings.js'
import type { StepRef } from './workflow-steps.js'
import { stepsOf, triggers } from './workflow-steps.js'
import type { Doc, Path } from './yaml-source.js'
import { get, scalarAt, str } from './yaml-source.js'

/** Contexts a workflow's author does not control: the event payload and inputs. */
const UNTRUSTED =
  /\bgithub\s*\.\s*(event\b(?!_)|head_ref\b)|\bgithub\s*\[\s*['"]event['"]|(?<![\w.-])inputs\s*[.[]/

/** An expression that names the pull request's head. */
const PR_HEAD =
  /github\.event\.pull_request\.head|github\.head_ref|refs\/pull\/|merge_commit_sha/

/** Every injection and pull_request_target finding of a workflow or action. */
export function injectionFindings(doc: Doc): Finding[] {
  const findings: Finding[] = []
  const prTarget = triggers(doc.value).includes('pull_request_target')
  for (const step of stepsOf(doc)) {
    const run = step.value['run']
    if (typeof run === 'string')
      findings.push(
        ...scriptFindings(doc, step, [...step.path, 'run'], run, 'run:'),
      )
    const uses = str(step.value, 'uses') ?? ''
    const script = get(step.value, 'with', 'script')
    if (/^actions\/github-script@/.test(uses) && typeof script === 'string') {
      findings.push(
        ...scriptFindings(
          doc,
          step,
          [...step.path, 'with', 'script'],
          script,
          'the github-script script',
        ),
      )
    }
    if (prTarget) findings.push(...checkoutFindings(doc, step, uses, run))
  }
  return findings
}

function scriptFindings(
  doc: Doc,
  step: StepRef,
  path: Path,
  script: string,
  where: string,
): Finding[] {
  const scalar = scalarAt(doc, path)
  const [start, end] = scalar?.range ?? [0, 0]
  const source = doc.file.text.slice(start, end)
  const findings: Finding[] = []
  for (const match of script.matchAll(/\$\{\{(.*?)\}\}/gs)) {
    const expression = match[0]
    if (!UNTRUSTED.test(match[1] ?? '')) continue
    // The expression as written in the file, for its line; escapes in a
    // quoted scalar can move it, and then the scalar's start will do.
    const at = source.indexOf(expression)
    findings.push(
      findingAtOffset(
        'workflow-injection',
        doc.file,
        at < 0 ? start : start + at,
        `${step.label}: ${expression.trim()} inside ${where} is expanded before the shell runs, so its text runs as code; pass it through env: and use the variable`,
      ),
    )
  }
  return findings
}

function checkoutFindings(
  doc: Doc,
  step: StepRef,
  uses: string,
  run: unknown,
): Finding[] {
  const findings: Finding[] = []
  if (/^actions\/checkout@/.test(uses)) {
    for (const key of ['ref', 'repository']) {
      const value = get(step.value, 'with', key)
      if (
        typeof value === 'string' &&
        PR_HEAD.test(value.replace(/\s+/g, ''))
      ) {
        findings.push(
          findingAt(
            'workflow-pr-target-checkout',
            doc,
            [...step.path, 'with', key],
            `${step.label}: checks out the pull request's code (${key}: ${value}) in a pull_request_target workflow, which holds the base repository's secrets and token`,
          ),
        )
      }
    }
  }
  if (
    typeof run === 'string' &&
    (/\bgh\s+pr\s+checkout\b/.test(run) ||
      /git\s+(fetch|checkout|pull)\b[^\n]*(refs\/pull\/|pull\/\$\{\{|head\.(ref|sha))/.test(
        run,
      ))
  ) {
    findings.push(
      findingAt(
        'workflow-pr-target-checkout',
        doc,
        [...step.path, 'run'],
        `${step.label}: fetches the pull request's code in a pull_request_target workflow, which holds the base repository's secrets and token`,
      ),
    )
  }
  return findings
}
