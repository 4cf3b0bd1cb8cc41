import { describe, expect, it } from '@jest/globals'
import {
  SLACK_TEXT_LIMIT,
  buildPayload,
  jsonPayload,
  slackPayload,
} from '../src/payload.js'
import type { RunFacts } from '../src/settings.js'

const FACTS: RunFacts = {
  status: 'failure',
  repository: 'example-org/cortex',
  ref: 'main',
  version: '1.4.1',
  runUrl: 'https://github.com/example-org/cortex/actions/runs/42',
  text: 'staging rollout',
}

describe('jsonPayload', () => {
  it('carries every fact under a fixed key', () => {
    expect(jsonPayload(FACTS)).toEqual({
      status: 'failure',
      repository: 'example-org/cortex',
      ref: 'main',
      version: '1.4.1',
      runUrl: 'https://github.com/example-org/cortex/actions/runs/42',
      text: 'staging rollout',
    })
  })

  it('keeps absent facts as null', () => {
    expect(jsonPayload({ status: 'success' })).toEqual({
      status: 'success',
      repository: null,
      ref: null,
      version: null,
      runUrl: null,
      text: null,
    })
  })
})

describe('slackPayload', () => {
  it('heads the message with the status and a link to the run', () => {
    expect(slackPayload(FACTS)).toEqual({
      text: 'failure: example-org/cortex main 1.4.1',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: ':x: *failure* · example-org/cortex main 1.4.1 · <https://github.com/example-org/cortex/actions/runs/42|the run>',
          },
        },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Repository*\nexample-org/cortex' },
            { type: 'mrkdwn', text: '*Ref*\nmain' },
            { type: 'mrkdwn', text: '*Version*\n1.4.1' },
          ],
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: 'staging rollout' }],
        },
      ],
    })
  })

  it.each([
    ['success', ':white_check_mark:'],
    ['cancelled', ':no_entry_sign:'],
  ] as const)('marks %s with %s', (status, emoji) => {
    const payload = slackPayload({ status })
    expect(payload.text).toBe(status)
    expect(payload.blocks).toEqual([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `${emoji} *${status}*` },
      },
    ])
  })

  it('escapes text so it cannot mention or link', () => {
    const payload = slackPayload({
      status: 'success',
      ref: 'a&b',
      text: '<!channel> see <http://x|y>',
    })
    const shown = JSON.stringify(payload)
    expect(shown).not.toContain('<!channel>')
    expect(shown).toContain('&lt;!channel&gt; see &lt;http://x|y&gt;')
    expect(shown).toContain('a&amp;b')
  })
})

describe('slackPayload text', () => {
  it('cuts a text longer than Slack takes, never inside an escape', () => {
    const payload = slackPayload({
      status: 'success',
      text: `${'x'.repeat(2_997)}&&&`,
    })
    const context = payload.blocks.find((b) => b.type === 'context')
    const text = context?.elements?.[0]?.text ?? ''
    expect(text.length).toBeLessThanOrEqual(SLACK_TEXT_LIMIT)
    expect(text).toMatch(/x…$/)
  })
})

describe('buildPayload', () => {
  it('picks the shape by kind', () => {
    expect(buildPayload('json', FACTS)).toEqual(jsonPayload(FACTS))
    expect(buildPayload('slack', FACTS)).toEqual(slackPayload(FACTS))
  })
})
