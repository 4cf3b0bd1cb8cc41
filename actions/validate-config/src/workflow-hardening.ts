// Rules workflow-permissions, workflow-pinned-actions and
// workflow-concurrency: the token each job gets is the least it needs,
// third-party code runs at a commit that cannot move, and releases and
// deployments never race each other.
import { globMatcher } from '../../../lib/files/index.js'
import type { Finding } from './findings.js'
import { findingAt, findingAtOffset } from './findings.js'
import { jobsOf, stepsOf } from './workflow-steps.js'
import type { Dict, Doc, Path } from './yaml-source.js'
import { get, isDict, list, scalarAt, str } from './yaml-source.js'

/** Who is trusted without a SHA pin. */
export interface PinPolicy {
  /** `owner/repo` globs, e.g. `actions/*`. */
  readonly trusted: readonly string[]
  /** `owner/repo` of the repository checked: its own actions need no pin. */
  readonly repository?: string
}

/** Every permissions finding of a workflow. */
export function permissionFindings(doc: Doc): Finding[] {
  if (doc.file.kind !== 'workflow') return []
  const findings: Finding[] = []
  const report = (path: Path, message: string): void => {
    findings.push(findingAt('workflow-permissions', doc, path, message))
  }
  const top = get(doc.value, 'permissions')
  if (top === 'write-all')
    report(
      ['permissions'],
      'permissions: write-all grants every scope; name the scopes each job needs',
    )
  if (get(top, 'id-token') === 'write') {
    report(
      ['permissions', 'id-token'],
      'id-token: write for the whole workflow; grant it only to the job that signs',
    )
  }
  for (const [id, job] of jobsOf(doc.value)) {
    const own = job['permissions']
    if (own === undefined) {
      if (top === undefined) {
        report(
          ['jobs', id],
          `job ${id} sets no permissions, so its token gets the repository's default; set least-privilege permissions on the job`,
        )
      } else if (grantsWrite(top)) {
        report(
          ['jobs', id],
          `job ${id} inherits write permissions from the workflow; set the permissions it needs on the job`,
        )
      }
      continue
    }
    if (own === 'write-all')
      report(
        ['jobs', id, 'permissions'],
        `job ${id}: permissions: write-all grants every scope; name the scopes it needs`,
      )
    if (get(own, 'id-token') === 'write' && !needsIdToken(job)) {
      report(
        ['jobs', id, 'permissions', 'id-token'],
        `job ${id} has id-token: write but neither signs (cosign, Sigstore, attestations, npm provenance) nor logs in to a cloud with OIDC`,
      )
    }
  }
  return findings
}

function grantsWrite(permissions: unknown): boolean {
  if (permissions === 'write-all') return true
  return isDict(permissions) && Object.values(permissions).includes('write')
}

const SIGNING_ACTIONS =
  /(^|\/)(sigstore|cosign)|actions\/attest|slsa-framework\/|configure-aws-credentials|google-github-actions\/auth|azure\/login|hashicorp\/vault-action/
const SIGNING_COMMANDS = /\bcosign\b|\bgh\s+attestation\b|--provenance\b/

/** Whether a job does what the OIDC token is for. */
function needsIdToken(job: Dict): boolean {
  // A called workflow's jobs are checked where they are written.
  if (typeof job['uses'] === 'string') return true
  return list(job, 'steps').some((step) => {
    const uses = str(step, 'uses') ?? ''
    const run = str(step, 'run') ?? ''
    return (
      SIGNING_ACTIONS.test(uses) ||
      SIGNING_COMMANDS.test(run) ||
      get(step, 'with', 'sign') === true
    )
  })
}

/** Every pinning finding of a workflow or action.yml. */
export function pinFindings(doc: Doc, policy: PinPolicy): Finding[] {
  const trusted = policy.trusted.map((glob) => globMatcher(glob))
  const uses: Path[] = stepsOf(doc)
    .filter((step) => typeof step.value['uses'] === 'string')
    .map((step) => [...step.path, 'uses'])
  for (const [id, job] of jobsOf(doc.value)) {
    if (typeof job['uses'] === 'string') uses.push(['jobs', id, 'uses'])
  }
  return uses.flatMap((path) => {
    const scalar = scalarAt(doc, path)
    const uses = typeof scalar?.value === 'string' ? scalar.value : ''
    const match = /^([^/@\s]+)\/([^/@\s]+)[^@]*@(.+)$/.exec(uses)
    if (scalar === undefined || match === null) return []
    const repo = `${match[1] ?? ''}/${match[2] ?? ''}`
    if (policy.repository?.toLowerCase() === repo.toLowerCase()) return []
    if (trusted.some((matches) => matches(repo))) return []
    const [start = 0, end = 0] = scalar.range ?? []
    const ref = match[3] ?? ''
    if (!/^[0-9a-f]{40}$/.test(ref)) {
      return [
        findingAtOffset(
          'workflow-pinned-actions',
          doc.file,
          start,
          `${uses} is pinned to ${ref}, which can move; pin the full commit SHA with the version in a comment`,
        ),
      ]
    }
    const rest = restOfLine(doc.file.text, end)
    if (/^\s*#[^\n]*\d/.test(rest)) return []
    return [
      findingAtOffset(
        'workflow-pinned-actions',
        doc.file,
        start,
        `${uses} is pinned to a SHA without its version in a comment (# v1.2.3), so nobody can tell what it is`,
      ),
    ]
  })
}

/** The text from `offset` to the end of its line: where a comment would be. */
function restOfLine(source: string, offset: number): string {
  const end = source.indexOf('\n', offset)
  return source.slice(offset, end < 0 ? source.length : end)
}

const DEPLOY_WORDS =
  /(^|[^a-z])(release|releases|deploy|deployment|cd)([^a-z]|$)/i

/**
 * The concurrency finding of a release or deployment workflow without a
 * group: on the jobs that deploy to an environment when there are such,
 * else on every job.
 */
export function concurrencyFindings(doc: Doc): Finding[] {
  if (doc.file.kind !== 'workflow') return []
  if (get(doc.value, 'concurrency') !== undefined) return []
  // Jobs that call a reusable workflow get its concurrency.
  const jobs = jobsOf(doc.value).filter(([, job]) => job['uses'] === undefined)
  const deploying = jobs.filter(([, job]) => job['environment'] !== undefined)
  const file =
    doc.file.path
      .split('/')
      .pop()
      ?.replace(/\.ya?ml$/, '') ?? ''
  const named =
    DEPLOY_WORDS.test(file) || DEPLOY_WORDS.test(str(doc.value, 'name') ?? '')
  if (deploying.length === 0 && !named) return []
  const candidates = deploying.length > 0 ? deploying : jobs
  const bare = candidates.filter(([, job]) => job['concurrency'] === undefined)
  const [first] = bare
  if (first === undefined) return []
  return [
    findingAt(
      'workflow-concurrency',
      doc,
      ['jobs', first[0]],
      `a release or deployment workflow without a concurrency group (job ${bare.map(([id]) => id).join(', ')}): two runs could race; set concurrency: on the workflow or the jobs`,
    ),
  ]
}
