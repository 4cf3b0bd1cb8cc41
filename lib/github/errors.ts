/** The HTTP status of an Octokit error, when it has one. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = error.status
    return typeof status === 'number' ? status : undefined
  }
  return undefined
}

/** Whether GitHub answered 422 because the thing already exists. */
export function isAlreadyExists(error: unknown): boolean {
  if (httpStatus(error) !== 422) return false
  const text = JSON.stringify(
    (error as { response?: { data?: unknown } }).response?.data ?? '',
  )
  return /already_exists|already exists/i.test(text)
}

/**
 * GitHub's own message in an error response, with the details it lists
 * (`Validation Failed: tag_name already_exists`), for a readable failure.
 */
export function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | undefined)
    ?.response?.data as { message?: unknown; errors?: unknown } | undefined
  if (data && typeof data.message === 'string') {
    const details = Array.isArray(data.errors)
      ? data.errors.map(detail).filter((d) => d !== '')
      : []
    return details.length > 0
      ? `${data.message}: ${details.join('; ')}`
      : data.message
  }
  return error instanceof Error ? error.message : String(error)
}

function detail(item: unknown): string {
  if (typeof item === 'string') return item
  if (typeof item !== 'object' || item === null) return ''
  const { message, field, code } = item as Record<string, unknown>
  if (typeof message === 'string') return message
  return [field, code].filter((p) => typeof p === 'string').join(' ')
}
