// The part of SARIF 2.1.0 our stages write: one log, one run per tool,
// results with a repository-relative location and a stable fingerprint.
// Field names follow the OASIS SARIF 2.1.0 specification.

/** How serious a finding is, in SARIF's words. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none'

/** A rule a tool checks, as code scanning lists it. */
export interface SarifRuleInput {
  /** Stable, e.g. `aws-access-key`, `license/denied`. */
  id: string
  /** Human name, e.g. `AWS access key`. */
  name?: string
  /** One line: what the rule finds. */
  description: string
  /** Longer help, Markdown allowed. */
  help?: string
  helpUri?: string
  /** The level a finding of this rule has unless it says otherwise. */
  level?: SarifLevel
  /** 0.0–10.0, shown by code scanning as severity. */
  securitySeverity?: number
  tags?: string[]
}

/** Why a finding is kept but not counted. */
export interface SuppressionInput {
  /** `inSource`: an allow comment; `external`: an ignore or baseline file. */
  kind: 'inSource' | 'external'
  justification: string
}

/** One finding, as a stage produces it. */
export interface FindingInput {
  ruleId: string
  /** The rule's level when absent. */
  level?: SarifLevel
  /** Never the secret itself: redact before. */
  message: string
  /** Repository-relative POSIX path, or an absolute path in the workspace. */
  path: string
  /** 1-based; 1 when unknown. */
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
  /** The matched text, already redacted. */
  snippet?: string
  /**
   * What identifies the finding across runs, e.g. rule, path and the
   * redacted match: hashed into partialFingerprints, never shown as is.
   * Must never hold a secret in the clear. Needed unless `fingerprint` is
   * given.
   */
  identity?: string[]
  /**
   * The partial fingerprint itself, when the stage has made one already
   * (to show it in an ignore or baseline file): written as is.
   */
  fingerprint?: string
  suppression?: SuppressionInput
  properties?: Record<string, unknown>
}

/** One tool's findings: a SARIF run. */
export interface ToolRunInput {
  /** The tool component's name, e.g. `cortex-secret-scan`. */
  tool: string
  version: string
  informationUri?: string
  /** Tells runs of one tool apart in code scanning (runAutomationDetails.id). */
  category?: string
  rules: SarifRuleInput[]
  findings: FindingInput[]
}
