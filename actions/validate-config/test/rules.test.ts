// The `rules` input: rule ids to off, warn or error over the defaults.
import { describe, expect, it } from '@jest/globals'
import { ConfigError } from '../../../lib/runner/index.js'
import { RULES, RULE_IDS, ruleLevels } from '../src/rules.js'

describe('ruleLevels', () => {
  it('gives every rule its default level when the input is empty', () => {
    const levels = ruleLevels(undefined)
    expect(RULE_IDS.map((id) => levels[id])).toEqual(
      RULE_IDS.map((id) => RULES[id].level),
    )
    expect(levels['k8s-network-policy']).toBe('off')
    expect(levels['workflow-injection']).toBe('error')
  })

  it('changes only the rules it names', () => {
    const levels = ruleLevels(
      'k8s-network-policy: error\nk8s-probes: warn\nyaml-syntax: off\n',
    )
    expect(levels['k8s-network-policy']).toBe('error')
    expect(levels['k8s-probes']).toBe('warn')
    expect(levels['yaml-syntax']).toBe('off')
    expect(levels['k8s-hpa']).toBe('error')
  })

  it.each([
    [
      'k8s-probe: off',
      /input 'rules': got "k8s-probe"; expected a rule id: yaml-syntax, /,
    ],
    [
      'k8s-probes: warning',
      /input 'rules': got "k8s-probes: warning"; expected off, warn or error for "k8s-probes"/,
    ],
    ['k8s-probes: [off]', /got "k8s-probes: \[\\"off\\"\]"/],
    ['- k8s-probes', /expected a YAML map of rule id to off, warn or error$/],
    [
      'k8s-probes: off\nk8s-probes: warn',
      /expected a YAML map of rule id to off, warn or error \(Map keys must be unique/,
    ],
  ])(
    'refuses %j, naming the input, the value and what it expects',
    (text, message) => {
      expect(() => ruleLevels(text)).toThrow(ConfigError)
      expect(() => ruleLevels(text)).toThrow(message)
    },
  )
})
