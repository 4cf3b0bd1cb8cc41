// The secret-scan core: plans the scan from the event, collects
// candidates, and settles each one: where it is now (or that it is only in
// history), how it is shown (redacted), its fingerprint, and whether an
// allow comment, the ignore file or the baseline keeps it from counting.
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { fingerprint } from '../../../lib/sarif/index.js'
import type { Candidate, Coverage } from './collect.js'
import { noCoverage } from './collect.js'
import { currentPlace, lineOf } from './current-place.js'
import { Directives } from './directives.js'
import { scanHistory } from './history-scan.js'
import { redact, redactedSnippet } from './redact.js'
import { GENERIC_RULE } from './rules/generic-rule.js'
import { PROVIDER_RULES } from './rules/provider-rules.js'
import type { RuleInfo } from './rules/types.js'
import type { EventContext, PlanOptions, ScanPlan } from './scan-plan.js'
import { planScan } from './scan-plan.js'
import { TextScanner } from './scan-text.js'
import type { IgnoreList } from './suppressions.js'
import { trackedFiles } from './tree-source.js'
import type { Parallelism } from './tree-workers.js'
import { scanTree } from './tree-workers.js'

/** What the core needs besides the event. */
export interface ScanSettings {
  readonly plan: PlanOptions
  readonly maxFileBytes: number
  readonly ignore: IgnoreList
  readonly baseline: ReadonlySet<string>
  /** Log why each turned-down candidate is no secret (debug runs). */
  readonly explain?: boolean
  /** Worker threads for a tree scan; one thread when undefined. */
  readonly parallel?: Parallelism
}

/** Whether a finding counts, and if not, what keeps it from counting. */
export type FindingStatus = 'new' | 'baseline' | 'allowed' | 'ignored'

/** A finding as every report shows it: redacted, fingerprinted, placed. */
export interface Finding {
  readonly rule: RuleInfo
  readonly path: string
  /** The line it is on now, or the line the commit added it at. */
  readonly line: number
  readonly column: number
  /** The commit that added it, in a commit scan. */
  readonly commit?: string
  readonly redacted: string
  /** Its line, redacted and cut short. */
  readonly snippet: string
  readonly fingerprint: string
  readonly key?: string
  readonly status: FindingStatus
  /** What keeps it from counting, for any status but `new`. */
  readonly reason?: string
  /** False when the secret is gone from the checked-out tree (C63). */
  readonly inTree: boolean
}

/** What one run found. */
export interface ScanReport {
  readonly plan: ScanPlan
  readonly findings: Finding[]
  readonly coverage: Coverage
}

/** Every rule by id, for findings that name theirs. */
const RULES = new Map<string, RuleInfo>(
  [...PROVIDER_RULES, GENERIC_RULE].map((rule) => [rule.id, rule]),
)

/** Scans what the event calls for and settles every finding. */
export async function scanSecrets(
  settings: ScanSettings,
  ctx: EventContext,
  deps: { git: Git; logger: Logger },
): Promise<ScanReport> {
  const { git, logger } = deps
  const plan = await planScan(ctx, settings.plan, git)
  logger.info(`scanning ${plan.description}`)
  if (plan.kind === 'empty') {
    return { plan, findings: [], coverage: noCoverage() }
  }
  const explain = settings.explain ?? true
  const scanner = new TextScanner(PROVIDER_RULES, explain)
  const result =
    plan.kind === 'tree'
      ? await scanTree(
          {
            root: git.cwd,
            paths: await trackedFiles(git),
            maxBytes: settings.maxFileBytes,
            explain,
          },
          settings.parallel,
        )
      : await scanHistory(git, plan, scanner, settings.maxFileBytes)
  if ('threads' in result && result.threads !== undefined) {
    logger.debug(`scanned the tree with ${result.threads} threads`)
  }
  for (const line of result.debug.lines) logger.debug(line)
  if (result.debug.dropped > 0) {
    logger.debug(
      `${result.debug.dropped} more turned-down candidates not listed`,
    )
  }
  const commitFiles = new Map<string, Directives>()
  const findings = new Map<string, Finding>()
  for (const candidate of result.candidates) {
    const finding = await settle(candidate, settings, {
      git,
      scanner,
      commitFiles,
    })
    if (findings.has(finding.fingerprint)) continue
    findings.set(finding.fingerprint, finding)
    if (finding.status !== 'new') {
      logger.debug(
        `${finding.path}:${finding.line} ${finding.rule.id} ${finding.redacted}: ${finding.status}, ${finding.reason ?? ''}`,
      )
    }
  }
  return { plan, findings: [...findings.values()], coverage: result.coverage }
}

interface SettleDeps {
  readonly git: Git
  readonly scanner: TextScanner
  /** The allow comments of files as commits left them, read once each. */
  readonly commitFiles: Map<string, Directives>
}

async function settle(
  candidate: Candidate,
  settings: ScanSettings,
  deps: SettleDeps,
): Promise<Finding> {
  const rule = RULES.get(candidate.ruleId) ?? GENERIC_RULE
  // A secret a commit added is shown where it is now, when it still is.
  const now =
    candidate.commit === undefined
      ? undefined
      : currentPlace(deps.git.cwd, candidate, settings.maxFileBytes)
  const inTree = candidate.commit === undefined || now !== undefined
  const place = now ?? candidate
  const snippet =
    now === undefined
      ? candidate.snippet
      : redactedSnippet(
          now.lineText,
          [
            { column: now.column, secret: candidate.secret },
            // The line as it is now may hold secrets this range did not
            // add: each is redacted, as a tree scan would.
            ...deps.scanner
              .scan(now.lineText)
              .matches.map((m) => ({ column: m.column, secret: m.secret })),
          ],
          now.column,
        )
  const redacted = redact(candidate.secret)
  const path = now?.path ?? candidate.path
  const shared = {
    rule,
    path,
    line: place.line,
    column: place.column,
    ...(candidate.commit === undefined ? {} : { commit: candidate.commit }),
    redacted,
    snippet,
    fingerprint: fingerprint([
      rule.id,
      path,
      redacted,
      snippet.replace(/^…|…$/g, ''),
    ]),
    ...(candidate.key === undefined ? {} : { key: candidate.key }),
    inTree,
  }
  const allowed =
    candidate.allowed ?? (await commitAllowReason(candidate, now?.text, deps))
  const [status, reason] = statusOf(
    shared.fingerprint,
    candidate,
    allowed,
    settings,
  )
  return { ...shared, status, ...(reason === undefined ? {} : { reason }) }
}

function statusOf(
  print: string,
  candidate: Candidate,
  allowed: string | undefined,
  settings: ScanSettings,
): [FindingStatus, string | undefined] {
  const { ignore, baseline } = settings
  if (ignore.rules.has(candidate.ruleId)) {
    return ['ignored', `rule ${candidate.ruleId} is off in the ignore file`]
  }
  if (ignore.path(candidate.path))
    return ['ignored', 'the path is in the ignore file']
  if (ignore.fingerprints.has(print)) {
    return ['ignored', 'the fingerprint is in the ignore file']
  }
  if (allowed !== undefined) return ['allowed', allowed]
  if (baseline.has(print)) return ['baseline', 'in the baseline']
  return ['new', undefined]
}

/**
 * For a secret a commit added: an allow comment in the file as it is now,
 * or as that commit left it.
 */
async function commitAllowReason(
  candidate: Candidate,
  current: string | undefined,
  { git, commitFiles }: SettleDeps,
): Promise<string | undefined> {
  if (candidate.commit === undefined) return undefined
  if (current !== undefined) {
    const here = new Directives(current).allowReason(
      lineOf(current, candidate.secret) - 1,
    )
    if (here !== undefined) return here
  }
  const key = `${candidate.commit}:${candidate.path}`
  let directives = commitFiles.get(key)
  if (directives === undefined) {
    const text = await git.show(candidate.commit, candidate.path)
    directives = new Directives(text ?? '')
    commitFiles.set(key, directives)
  }
  return directives.allowReason(candidate.line - 1)
}

/** Where a secret a commit added is in the working tree, if it still is. */
