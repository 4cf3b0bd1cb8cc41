// Advisory severities as npm, pnpm and yarn name them, in order, with the
// score code scanning ranks alerts by.

/** A severity, least first. */
export const SEVERITIES = [
  'info',
  'low',
  'moderate',
  'high',
  'critical',
] as const

/** An advisory's severity. */
export type Severity = (typeof SEVERITIES)[number]

/** The severities `fail-on` accepts: info never fails a build. */
export const THRESHOLDS = ['low', 'moderate', 'high', 'critical'] as const

/** A `fail-on` threshold. */
export type Threshold = (typeof THRESHOLDS)[number]

/** The severity a report's text names; unknown words count as `high`. */
export function severityOf(text: unknown): Severity {
  const word = typeof text === 'string' ? text.toLowerCase() : ''
  if (word === 'medium') return 'moderate'
  return SEVERITIES.find((s) => s === word) ?? 'high'
}

/** Whether `severity` is at or above `threshold`. */
export function reaches(severity: Severity, threshold: Threshold): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold)
}

// Code scanning reads 9.0+ as critical, 7.0–8.9 high, 4.0–6.9 medium and
// 0.1–3.9 low; a severity without a CVSS score gets a score in its band.
const BAND_SCORE: Record<Severity, number> = {
  info: 0.1,
  low: 2.0,
  moderate: 5.0,
  high: 7.5,
  critical: 9.5,
}

/** The CVSS score when the advisory has one, else one in its band. */
export function securityScore(severity: Severity, cvss?: number): number {
  return cvss !== undefined && cvss > 0 ? cvss : BAND_SCORE[severity]
}
