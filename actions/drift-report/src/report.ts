// The drift report as a person reads it: the outputs (among them a line a
// workflow can hand to the notify stage), a headline, and a step summary
// with a row per application and one per resource that differs.
import { table, type OutputValue } from '../../../lib/runner/index.js'
import { describe, type DriftEntry } from './drift.js'
import { resourceName } from './resources.js'

/** The outputs, named as action.yml declares them. */
export function outputsOf(entries: DriftEntry[]): Record<string, OutputValue> {
  const drifted = entries.filter((e) => e.drifted)
  return {
    drifted: drifted.length,
    checked: entries.length,
    applications: drifted.map((e) => e.name),
    report: drifted.map((e) => ({
      name: e.name,
      sync: e.sync,
      health: e.health,
      ...(e.healthMessage === '' ? {} : { healthMessage: e.healthMessage }),
      revision: e.revision,
      resources: e.resources,
      ...(e.resourcesError === undefined
        ? {}
        : { resourcesError: e.resourcesError }),
    })),
    message: headline(entries),
  }
}

/** One line on the whole report, fit for notify's `text`. */
export function headline(entries: DriftEntry[]): string {
  const drifted = entries.filter((e) => e.drifted)
  const n = entries.length
  const apps = `${n} Argo CD application${n === 1 ? '' : 's'}`
  if (drifted.length === 0) {
    return n === 0
      ? 'no Argo CD applications matched'
      : `no drift: ${n === 1 ? 'the' : 'all'} ${apps} Synced and Healthy`
  }
  const each = drifted.map((e) => {
    const count = e.resources.length
    const what =
      count === 0 ? '' : `: ${count} resource${count === 1 ? '' : 's'}`
    return `${e.name} (${e.sync}, ${e.health}${what})`
  })
  return `${drifted.length} of ${apps} drifted: ${each.join('; ')}`
}

/** The step summary: the headline, the applications, the resources. */
export function summaryOf(entries: DriftEntry[]): string {
  const lines = ['### drift report', '', headline(entries), '']
  if (entries.length === 0) return lines.join('\n')
  lines.push(
    table(
      ['application', 'sync', 'health', 'revision', 'resources'],
      entries.map((e) => [
        e.name,
        e.sync === 'Synced' ? e.sync : `⚠️ ${e.sync}`,
        e.health === 'Healthy' ? e.health : `❌ ${e.health}`,
        e.revision,
        e.resourcesError ?? (e.drifted ? String(e.resources.length) : ''),
      ]),
    ),
    '',
  )
  const rows = entries.flatMap((e) =>
    e.resources.map((r) => [e.name, resourceName(r), describe(r)]),
  )
  if (rows.length > 0) {
    lines.push(table(['application', 'resource', 'what'], rows), '')
  }
  return lines.join('\n')
}
