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

/** GitHub's own message in an error response, for a readable failure. */
export function apiMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } })
    ?.response?.data
  if (data && typeof data.message === 'string') return data.message
  return error instanceof Error ? error.message : String(error)
}
