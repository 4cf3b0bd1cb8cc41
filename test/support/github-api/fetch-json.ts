// A fetch wrapper for the stand-in's own tests: JSON in, JSON out.

/** One answer, its body parsed when there is one. */
export interface JsonAnswer {
  status: number
  headers: Headers
  body: unknown
}

/** Sends `body` as JSON to `url` and reads the answer as JSON, if any. */
export async function fetchJson(
  url: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const parsed = text ? (JSON.parse(text) as unknown) : undefined
  return { status: res.status, headers: res.headers, body: parsed }
}

/** Calls a stand-in: a path under its API root, or any absolute URL. */
export function callApi(
  apiUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<JsonAnswer> {
  const url = path.startsWith('http') ? path : `${apiUrl}${path}`
  return fetchJson(url, method, body, headers)
}
