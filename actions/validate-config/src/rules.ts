// The rules validate-config checks, each with the level it has unless the
// `rules` input says otherwise. Rule ids are stable: they name findings in
// annotations, SARIF and the summary, and users switch rules by them.
import { ConfigError, quote } from '../../../lib/runner/index.js'
import { readYamlInput } from '../../../lib/yaml/index.js'

/** What a rule's findings do: nothing, a warning, or a failed step. */
export type Level = 'off' | 'warn' | 'error'

/** One rule: its default level and what it finds. */
export interface RuleSpec {
  readonly level: Level
  readonly description: string
}

/** Every rule, in the order the summary lists them. */
export const RULES = {
  'yaml-syntax': {
    level: 'error',
    description: 'Every file parses as YAML.',
  },
  'yaml-duplicate-key': {
    level: 'error',
    description: 'No mapping has the same key twice.',
  },
  'k8s-shape': {
    level: 'error',
    description:
      'Kubernetes objects have the fields their kind requires, an API version clusters serve, string labels and annotations.',
  },
  'k8s-resources': {
    level: 'error',
    description:
      'Containers of workloads set the configured requests and limits.',
  },
  'k8s-probes': {
    level: 'error',
    description:
      'Containers of long-running workloads have liveness and readiness probes (and startup probes when asked).',
  },
  'k8s-image-tag': {
    level: 'error',
    description: 'Images carry a tag other than latest, or a digest.',
  },
  'k8s-hpa': {
    level: 'error',
    description:
      'HorizontalPodAutoscalers have minReplicas <= maxReplicas and a target deployed with them.',
  },
  'k8s-pdb-selector': {
    level: 'error',
    description: 'PodDisruptionBudgets select the pods of a workload.',
  },
  'k8s-service-selector': {
    level: 'error',
    description: 'Services select the pods of a workload.',
  },
  'k8s-network-policy': {
    level: 'off',
    description: 'Every namespace that runs workloads has a NetworkPolicy.',
  },
  'kustomize-reference': {
    level: 'error',
    description:
      'The resources, patches and files a kustomization names exist, and its images are used.',
  },
  'argocd-shape': {
    level: 'error',
    description:
      'Applications, ApplicationSets and AppProjects have the fields Argo CD requires.',
  },
  'argocd-sync-wave': {
    level: 'error',
    description: 'Sync waves are whole numbers.',
  },
  'argocd-project': {
    level: 'error',
    description:
      "Applications' sources and destinations are allowed by their project.",
  },
  'argocd-project-exists': {
    level: 'warn',
    description: 'The project an Application names is among the files.',
  },
  'argocd-appset-template': {
    level: 'error',
    description:
      "An ApplicationSet's template renders for every list element, every key it uses present.",
  },
  'workflow-syntax': {
    level: 'error',
    description:
      "Workflows and action.yml files pass GitHub's workflow parser.",
  },
  'workflow-call': {
    level: 'error',
    description:
      'Callers of reusable workflows pass their required inputs and secrets, known names only, of the right types.',
  },
  'workflow-injection': {
    level: 'error',
    description:
      'No event payload or input expression inside run: (pass it through env:).',
  },
  'workflow-permissions': {
    level: 'error',
    description:
      'Permissions set per job, least privilege; id-token: write only where signing needs it.',
  },
  'workflow-pinned-actions': {
    level: 'error',
    description:
      'Third-party actions pinned to a full commit SHA with the version in a comment.',
  },
  'workflow-pr-target-checkout': {
    level: 'error',
    description:
      "pull_request_target never checks out the pull request's code.",
  },
  'workflow-concurrency': {
    level: 'warn',
    description: 'Release and deployment workflows set a concurrency group.',
  },
} as const satisfies Record<string, RuleSpec>

/** The id of a rule. */
export type RuleId = keyof typeof RULES

/** The level of every rule, after the `rules` input. */
export type RuleLevels = Readonly<Record<RuleId, Level>>

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[]

const LEVELS: readonly Level[] = ['off', 'warn', 'error']

function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id)
}

/**
 * The level of every rule: the defaults, changed by `text`, a YAML map of
 * rule id to off, warn or error, as written in the `rules` input.
 */
export function ruleLevels(text: string | undefined): RuleLevels {
  const levels = Object.fromEntries(
    RULE_IDS.map((id) => [id, RULES[id].level]),
  ) as Record<RuleId, Level>
  if (text === undefined) return levels
  const shape = 'a YAML map of rule id to off, warn or error'
  const map = readYamlInput('rules', text, shape)
  if (map === null || typeof map !== 'object' || Array.isArray(map)) {
    throw new ConfigError('rules', text, shape)
  }
  for (const [id, level] of Object.entries(map as Record<string, unknown>)) {
    if (!isRuleId(id)) {
      throw new ConfigError('rules', id, `a rule id: ${RULE_IDS.join(', ')}`)
    }
    const found = LEVELS.find((l) => l === level)
    if (found === undefined) {
      const shown = typeof level === 'string' ? level : JSON.stringify(level)
      throw new ConfigError(
        'rules',
        `${id}: ${shown}`,
        `off, warn or error for ${quote(id)}`,
      )
    }
    levels[id] = found
  }
  return levels
}
