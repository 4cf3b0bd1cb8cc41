// Reading audit reports: JSON whose shape the package manager decides, so
// every field is checked before use and a missing one is simply absent.

/** An audit report that cannot be read, or that reports npm's own failure. */
export class AuditReportError extends Error {
  override readonly name = 'AuditReportError'
}

/** Parses a report's JSON into an object, naming the tool when it is not. */
export function parseJson(
  input: string,
  tool: string,
): Record<string, unknown> {
  let data: unknown
  try {
    data = JSON.parse(input)
  } catch {
    const start = input.trim().slice(0, 80)
    throw new AuditReportError(
      `${tool} printed no JSON report${start ? `; it began: ${start}` : ''}`,
    )
  }
  if (!isRecord(data)) {
    throw new AuditReportError(`${tool}'s report is not a JSON object`)
  }
  return data
}

/** The values of an object field, those that are objects. */
export function records(value: unknown): Record<string, unknown>[] {
  return isRecord(value) ? Object.values(value).filter(isRecord) : []
}

/** An array field, or none. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** A non-empty string field, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

/** Whether a value is a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
