import * as core from '@actions/core'
import type { Logger } from './logger.js'

/** Output values: strings as they are, anything else as JSON. */
export type OutputValue = string | number | boolean | object | null

/** Sets every output together at the end of a stage, logging each one. */
export function setOutputs(
  outputs: Record<string, OutputValue>,
  logger: Logger,
): void {
  for (const [name, value] of Object.entries(outputs)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    core.setOutput(name, text)
    const shown = text.includes('\n') ? `${text.split('\n')[0]} …` : text
    logger.info(`${name} = ${shown}`)
  }
}

/** Appends Markdown to the step summary, when the runner provides one. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(markdown, true).write()
}
