// The message bodies: Slack's incoming-webhook shape, or a flat JSON object
// with the same facts for any other endpoint.
import type { RunFacts, RunStatus, WebhookKind } from './settings.js'

/** The JSON body posted for a generic webhook: every key always present. */
export interface JsonPayload {
  status: RunStatus
  repository: string | null
  ref: string | null
  version: string | null
  runUrl: string | null
  text: string | null
}

/** One Block Kit block, as much of it as this stage writes. */
export interface SlackBlock {
  type: 'section' | 'context'
  text?: { type: 'mrkdwn'; text: string }
  fields?: { type: 'mrkdwn'; text: string }[]
  elements?: { type: 'mrkdwn'; text: string }[]
}

/** The body posted to a Slack incoming webhook. */
export interface SlackPayload {
  /** Shown in notifications and where blocks cannot be. */
  text: string
  blocks: SlackBlock[]
}

const EMOJI: Record<RunStatus, string> = {
  success: ':white_check_mark:',
  failure: ':x:',
  cancelled: ':no_entry_sign:',
}

/** The body for `kind`, built from the run's facts. */
export function buildPayload(
  kind: WebhookKind,
  facts: RunFacts,
): SlackPayload | JsonPayload {
  return kind === 'slack' ? slackPayload(facts) : jsonPayload(facts)
}

/** The generic webhook's body: absent facts are null, so keys are stable. */
export function jsonPayload(facts: RunFacts): JsonPayload {
  return {
    status: facts.status,
    repository: facts.repository ?? null,
    ref: facts.ref ?? null,
    version: facts.version ?? null,
    runUrl: facts.runUrl ?? null,
    text: facts.text ?? null,
  }
}

/** Slack's body: a headline with the run's link, the facts as fields. */
export function slackPayload(facts: RunFacts): SlackPayload {
  const what = [facts.repository, facts.ref, facts.version]
    .filter((x) => x !== undefined)
    .join(' ')
  const headline = `${EMOJI[facts.status]} *${facts.status}*${what ? ` · ${escape(what)}` : ''}`
  const link = facts.runUrl ? ` · <${facts.runUrl}|the run>` : ''
  const named: [string, string | undefined][] = [
    ['Repository', facts.repository],
    ['Ref', facts.ref],
    ['Version', facts.version],
  ]
  const fields = named.flatMap(([name, value]) =>
    value === undefined ? [] : [mrkdwn(`*${name}*\n${escape(value)}`)],
  )
  const blocks: SlackBlock[] = [
    { type: 'section', text: mrkdwn(`${headline}${link}`) },
  ]
  if (fields.length > 0) blocks.push({ type: 'section', fields })
  if (facts.text !== undefined) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(shorten(escape(facts.text), SLACK_TEXT_LIMIT))],
    })
  }
  return {
    text: `${facts.status}${what ? `: ${escape(what)}` : ''}`,
    blocks,
  }
}

/** Slack refuses a text object over 3 000 characters (invalid_blocks). */
export const SLACK_TEXT_LIMIT = 3_000

// Cut at the limit with an ellipsis, never inside an escape like `&amp;`.
function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text
  const cut = text.slice(0, limit - 1).replace(/&[a-z]*$/, '')
  return `${cut}…`
}

function mrkdwn(text: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text }
}

// Slack reads <…> as links and mentions (<!channel>), so text from the run
// or the workflow is escaped as Slack asks: & < > only.
// https://api.slack.com/reference/surfaces/formatting#escaping
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
