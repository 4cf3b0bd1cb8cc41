// Durations and attempts in words, for the log lines and messages a person
// reads: "attempt 2 of 5: 503, next in 10 s".
import type { AttemptReport } from './outcome.js'

/** A duration for people: "800 ms", "2.5 s", "40 s", "3 min", "1 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  if (ms < 1_000) return `${Math.round(ms)} ms`
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`
  const seconds = Math.round(ms / 1_000)
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3_600) {
    const [min, s] = [Math.floor(seconds / 60), seconds % 60]
    return s === 0 ? `${min} min` : `${min} min ${s} s`
  }
  const minutes = Math.round(seconds / 60)
  const [h, min] = [Math.floor(minutes / 60), minutes % 60]
  return min === 0 ? `${h} h` : `${h} h ${min} min`
}

/** One attempt as a log line. */
export function formatAttempt(report: AttemptReport): string {
  const head = `attempt ${report.attempt} of ${report.maxAttempts}: ${report.reason}`
  if (report.outcome === 'done') return head
  if (report.outcome === 'fail-fast') return `${head}, not retried`
  if (report.nextDelayMs !== undefined) {
    const next = `${head}, next in ${formatDuration(report.nextDelayMs)}`
    if (!report.cutByDeadline) return next
    return `${next} (the last, cut short by the ${formatDuration(report.deadlineMs)} deadline)`
  }
  if (report.stop === 'deadline') {
    return `${head}, deadline of ${formatDuration(report.deadlineMs)} reached`
  }
  return `${head}, no attempts left`
}

/** What a failed wait says, e.g. "unhealthy after 5 attempts (last: 503)". */
export interface FailureFacts {
  stoppedBy: 'fail-fast' | 'attempts' | 'deadline' | 'aborted'
  attempts: number
  reason: string
  elapsedMs: number
  deadlineMs: number
}

/**
 * A failed wait in one sentence, led by `label` ("unhealthy", "sync
 * failed"), with the attempts, the time taken and the last reason.
 */
export function failureMessage(facts: FailureFacts, label = 'failed'): string {
  const tries = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}`
  const took = formatDuration(facts.elapsedMs)
  switch (facts.stoppedBy) {
    case 'fail-fast':
      return `${label}: ${facts.reason} (not retried)`
    case 'attempts':
      return `${label} after ${tries} (last: ${facts.reason}) in ${took}`
    case 'deadline':
      return `${label}: deadline of ${formatDuration(facts.deadlineMs)} reached after ${tries} (last: ${facts.reason})`
    case 'aborted':
      return `${label}: cancelled after ${tries} in ${took}`
  }
}
