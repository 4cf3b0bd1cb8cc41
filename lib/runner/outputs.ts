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
  const text = clip(markdown, SUMMARY_LIMIT, 'the job log')
  appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`)
}

/** What GitHub keeps of one step's summary: 1 MiB, with room to spare. */
export const SUMMARY_LIMIT = 1000 * 1024

/**
 * Cuts text to at most `maxBytes` of UTF-8 at a line end, adding a line that
 * says what was left out and where to find it whole.
 */
export function clip(
  text: string,
  maxBytes: number,
  whereWhole: string,
): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  // A string of n UTF-16 units holds at least n bytes of UTF-8, so only the
  // first maxBytes units are encoded, however long the text.
  const head = Buffer.from(text.slice(0, maxBytes))
  const cut = head.subarray(0, maxBytes).toString('utf8')
  const end = cut.lastIndexOf('\n')
  const kept = end > 0 ? cut.slice(0, end) : cut
  const dropped = text.length - kept.length
  return `${kept}\n\n… ${dropped} more characters: see ${whereWhole}.`
}
