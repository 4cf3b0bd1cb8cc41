// GitHub's page-number pagination: `per_page` (default 30, at most 100) and
// `page`, with a `link` header of absolute URLs, omitted when one page holds
// everything. https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
import type { Reply, RouteContext } from './route.js'

const DEFAULT_PER_PAGE = 30
const MAX_PER_PAGE = 100

/** One page of `items`, each shaped by `toJson`, with GitHub's link header. */
export function paginate<T>(
  ctx: RouteContext,
  items: readonly T[],
  toJson: (item: T) => unknown,
): Reply {
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, positiveInt(ctx.query.get('per_page')) ?? DEFAULT_PER_PAGE),
  )
  const page = positiveInt(ctx.query.get('page')) ?? 1
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const body = items.slice((page - 1) * perPage, page * perPage).map(toJson)
  const pageUrl = (n: number): string => {
    const query = new URLSearchParams(ctx.query)
    query.set('page', String(n))
    return `${ctx.urls.api}${ctx.path}?${query.toString()}`
  }
  // GitHub lists the relations in this order: prev, next, last, first.
  const links: string[] = []
  if (page > 1) links.push(`<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`)
  if (page < last) {
    links.push(`<${pageUrl(page + 1)}>; rel="next"`)
    links.push(`<${pageUrl(last)}>; rel="last"`)
  }
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`)
  const headers = links.length > 0 ? { link: links.join(', ') } : undefined
  return { status: 200, body, headers }
}

function positiveInt(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined
  const value = Number(text)
  return value > 0 ? value : undefined
}
