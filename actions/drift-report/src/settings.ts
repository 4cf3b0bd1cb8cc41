// Every input of drift-report, read once and checked: a bad one is a
// ConfigError naming the input, the value and what was expected.
import {
  readArgoCdConnection,
  readSelection,
  type ArgoCdConnection,
} from '../../../lib/argocd-stage/index.js'
import { readWaitSettings } from '../../../lib/health/index.js'
import { booleanInput } from '../../../lib/runner/index.js'
import type { DriftSettings } from './drift.js'

/** Every input of drift-report, read and checked. */
export interface DriftReportSettings extends ArgoCdConnection, DriftSettings {
  /** Fail the step when an application drifted. */
  readonly failOnDrift: boolean
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(workspace?: string): DriftReportSettings {
  const connection = readArgoCdConnection('get the applications', workspace)
  return {
    ...connection,
    selection: readSelection({ verb: 'report on', all: true }),
    wait: readWaitSettings(),
    failOnDrift: booleanInput('fail-on-drift', false),
  }
}
