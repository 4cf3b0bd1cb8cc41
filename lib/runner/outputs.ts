import { appendFileSync } from 'node:fs'
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

/**
 * Appends Markdown to the step summary, when the runner provides one. The
 * file is named afresh on each call (core.summary caches the first path it
 * sees, which the local runner and in-process tests change between runs).
 */
export function writeSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`)
}
