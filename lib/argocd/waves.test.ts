import { describe, expect, it } from '@jest/globals'
import {
  groupByWave,
  isCommitRevision,
  revisionMatches,
  shortRevision,
} from './index.js'

describe('groupByWave', () => {
  it('orders the Cortex applications monitoring, dashboard, MCP servers', () => {
    const waves = groupByWave([
      { name: 'mcp-n8n-workflow', wave: 2 },
      { name: 'cortex-dashboard', wave: 1 },
      { name: 'cortex-mcp-orch', wave: 2 },
      { name: 'cortex-monitoring', wave: 0 },
    ])
    expect(waves.map((w) => [w.wave, w.members.map((m) => m.name)])).toEqual([
      [0, ['cortex-monitoring']],
      [1, ['cortex-dashboard']],
      [2, ['cortex-mcp-orch', 'mcp-n8n-workflow']],
    ])
  })

  it('puts negative waves first and sorts names by code point', () => {
    const waves = groupByWave([
      { name: 'b', wave: 10 },
      { name: 'a', wave: -1 },
      { name: 'Z', wave: 10 },
      { name: 'a2', wave: 2 },
    ])
    expect(waves.map((w) => w.wave)).toEqual([-1, 2, 10])
    expect(waves[2]?.members.map((m) => m.name)).toEqual(['Z', 'b'])
  })

  it('answers no applications with no waves', () => {
    expect(groupByWave([])).toEqual([])
  })
})

describe('revisions', () => {
  const full = '1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d'

  it.each<[string, string, boolean]>([
    ['the full SHA', full, true],
    ['a 7-digit prefix', '1a2b3c4', true],
    ['a prefix in capitals', '1A2B3C4D', true],
    ['a 6-digit prefix, too short', '1a2b3c', false],
    ['another commit', '9f8e7d6', false],
    ['a branch name', 'main', false],
  ])('matches %s: %p', (_name, expected, matches) => {
    expect(revisionMatches(full, expected)).toBe(matches)
  })

  it('matches a revision that is not a commit, a chart version, only exactly', () => {
    expect(revisionMatches('65.8.1', '65.8.1')).toBe(true)
    expect(revisionMatches('65.8.10', '65.8.1')).toBe(false)
    expect(revisionMatches('', '')).toBe(false)
  })

  it.each<[string, boolean]>([
    [full, true],
    ['1a2b3c4', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['v1.2.3', false],
    ['', false],
  ])('calls %p a commit revision: %p', (text, ok) => {
    expect(isCommitRevision(text)).toBe(ok)
  })

  it('shows a commit by its first 7 digits, anything else whole', () => {
    expect(shortRevision(full)).toBe('1a2b3c4')
    expect(shortRevision('65.8.1')).toBe('65.8.1')
  })
})
