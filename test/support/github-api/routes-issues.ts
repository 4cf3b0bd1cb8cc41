// Issues (pull requests included, as on GitHub), their comments and labels.
// https://docs.github.com/rest/issues/issues
// https://docs.github.com/rest/issues/comments
// https://docs.github.com/rest/issues/labels
// Label updates and file contents at a ref come from routes-issue-extras.ts.
import { paginate } from './pagination.js'
import {
  contentRoutes,
  labelJson,
  labelUpdateRoutes,
} from './routes-issue-extras.js'
import {
  fieldsOf,
  json,
  nodeId,
  notFound,
  repoApi,
  repoWeb,
  route,
  stringField,
  userJson,
  validationFailed,
  type Reply,
  type Route,
  type RouteContext,
} from './route.js'
import type { Comment, Issue } from './state.js'

const REPO = '/repos/:owner/:repo'

export { labelJson }

/** The labels of an issue, in the order they were added. */
export function issueLabels(ctx: RouteContext, issue: Issue): unknown[] {
  return issue.labels.map((name) => labelJson(ctx, ctx.repo.label(name)))
}

function issueJson(ctx: RouteContext, issue: Issue): unknown {
  const api = `${repoApi(ctx)}/issues/${issue.number}`
  const pull = issue.pull
  const comments = [...ctx.repo.comments.values()].filter(
    (c) => c.issue_number === issue.number,
  )
  return {
    url: api,
    repository_url: repoApi(ctx),
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    html_url: `${repoWeb(ctx)}/${pull ? 'pull' : 'issues'}/${issue.number}`,
    id: issue.id,
    node_id: nodeId(pull ? 'PR' : 'I', issue.id),
    number: issue.number,
    title: issue.title,
    user: userJson(ctx),
    labels: issueLabels(ctx, issue),
    state: issue.state,
    state_reason: issue.state_reason,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: comments.length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: 'OWNER',
    body: issue.body,
    ...(pull && {
      pull_request: {
        url: `${repoApi(ctx)}/pulls/${issue.number}`,
        html_url: `${repoWeb(ctx)}/pull/${issue.number}`,
        merged_at: pull.merged_at,
      },
    }),
  }
}

function commentJson(ctx: RouteContext, comment: Comment): unknown {
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${repoApi(ctx)}/issues/comments/${comment.id}`,
    html_url: `${repoWeb(ctx)}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${repoApi(ctx)}/issues/${comment.issue_number}`,
    body: comment.body,
    user: userJson(ctx),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'OWNER',
  }
}

/** Label names from `{labels: [...]}` or a bare array, names or objects. */
function labelNames(body: unknown): string[] {
  const list: unknown = Array.isArray(body) ? body : fieldsOf(body).labels
  if (!Array.isArray(list)) return []
  return list
    .map((item: unknown) =>
      typeof item === 'string' ? item : stringField(item, 'name'),
    )
    .filter((name): name is string => name !== undefined)
}

/** Applies title, body, state and labels from a create or update body. */
function applyIssueFields(ctx: RouteContext, issue: Issue): void {
  const b = ctx.body
  issue.title = stringField(b, 'title') ?? issue.title
  issue.body = stringField(b, 'body') ?? issue.body
  const state = stringField(b, 'state')
  if (state === 'open' || state === 'closed') {
    issue.closed_at = state === 'closed' ? ctx.state.timestamp() : null
    issue.state = state
    issue.state_reason = stringField(b, 'state_reason') ?? null
  }
  if ('labels' in fieldsOf(b)) {
    issue.labels = labelNames(b).map((name) => ctx.repo.label(name).name)
  }
  issue.updated_at = ctx.state.timestamp()
}

function listIssues(ctx: RouteContext): Reply {
  const state = ctx.query.get('state') ?? 'open'
  const wanted = (ctx.query.get('labels') ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean)
  const issues = [...ctx.repo.issues.values()]
    .filter((i) => state === 'all' || i.state === state)
    .filter((i) => {
      const has = new Set(i.labels.map((l) => l.toLowerCase()))
      return wanted.every((l) => has.has(l))
    })
    .sort((a, b) => b.number - a.number)
  return paginate(ctx, issues, (i) => issueJson(ctx, i))
}

/** Runs `then` on the issue named by the path, or answers 404. */
function withIssue(then: (ctx: RouteContext, issue: Issue) => Reply) {
  return (ctx: RouteContext): Reply => {
    const issue = ctx.repo.issues.get(Number(ctx.params.issue_number))
    return issue ? then(ctx, issue) : notFound()
  }
}

/** Runs `then` on the comment named by the path, or answers 404. */
function withComment(then: (ctx: RouteContext, c: Comment) => Reply) {
  return (ctx: RouteContext): Reply => {
    const comment = ctx.repo.comments.get(Number(ctx.params.comment_id))
    return comment ? then(ctx, comment) : notFound()
  }
}

function addComment(ctx: RouteContext, issue: Issue): Reply {
  const body = stringField(ctx.body, 'body')
  if (body === undefined)
    return validationFailed('IssueComment', 'body', 'missing_field')
  const now = ctx.state.timestamp()
  const comment: Comment = {
    id: ctx.state.nextId(),
    issue_number: issue.number,
    body,
    created_at: now,
    updated_at: now,
  }
  ctx.repo.comments.set(comment.id, comment)
  return json(201, commentJson(ctx, comment))
}

function createLabel(ctx: RouteContext): Reply {
  const name = stringField(ctx.body, 'name')
  if (!name) return validationFailed('Label', 'name', 'missing_field')
  if (ctx.repo.findLabel(name)) return validationFailed('Label', 'name')
  const label = ctx.repo.label(name)
  label.color = stringField(ctx.body, 'color') ?? label.color
  label.description = stringField(ctx.body, 'description') ?? null
  return json(201, labelJson(ctx, label))
}

const ISSUE = `${REPO}/issues/:issue_number`
const COMMENT = `${REPO}/issues/comments/:comment_id`

/** The issue, comment and label endpoints. */
export const issueRoutes: Route[] = [
  route('GET', `${REPO}/issues`, listIssues),
  route('POST', `${REPO}/issues`, (ctx) => {
    if (!stringField(ctx.body, 'title')) {
      return validationFailed('Issue', 'title', 'missing_field')
    }
    const issue = ctx.repo.seedIssue({ title: '' })
    applyIssueFields(ctx, issue)
    return json(201, issueJson(ctx, issue))
  }),
  route(
    'GET',
    COMMENT,
    withComment((ctx, c) => json(200, commentJson(ctx, c))),
  ),
  route(
    'PATCH',
    COMMENT,
    withComment((ctx, comment) => {
      comment.body = stringField(ctx.body, 'body') ?? comment.body
      comment.updated_at = ctx.state.timestamp()
      return json(200, commentJson(ctx, comment))
    }),
  ),
  route(
    'DELETE',
    COMMENT,
    withComment((ctx, comment) => {
      ctx.repo.comments.delete(comment.id)
      return { status: 204 }
    }),
  ),
  route(
    'GET',
    ISSUE,
    withIssue((ctx, i) => json(200, issueJson(ctx, i))),
  ),
  route(
    'PATCH',
    ISSUE,
    withIssue((ctx, issue) => {
      applyIssueFields(ctx, issue)
      return json(200, issueJson(ctx, issue))
    }),
  ),
  route(
    'GET',
    `${ISSUE}/comments`,
    withIssue((ctx, issue) => {
      const comments = [...ctx.repo.comments.values()].filter(
        (c) => c.issue_number === issue.number,
      )
      return paginate(ctx, comments, (c) => commentJson(ctx, c))
    }),
  ),
  route('POST', `${ISSUE}/comments`, withIssue(addComment)),
  route(
    'GET',
    `${ISSUE}/labels`,
    withIssue((ctx, issue) => paginate(ctx, issueLabels(ctx, issue), (l) => l)),
  ),
  route(
    'POST',
    `${ISSUE}/labels`,
    withIssue((ctx, issue) => {
      for (const name of labelNames(ctx.body)) {
        const label = ctx.repo.label(name)
        if (!issue.labels.includes(label.name)) issue.labels.push(label.name)
      }
      return json(200, issueLabels(ctx, issue))
    }),
  ),
  route(
    'PUT',
    `${ISSUE}/labels`,
    withIssue((ctx, issue) => {
      issue.labels = labelNames(ctx.body).map((n) => ctx.repo.label(n).name)
      return json(200, issueLabels(ctx, issue))
    }),
  ),
  route(
    'DELETE',
    `${ISSUE}/labels/:name`,
    withIssue((ctx, issue) => {
      const wanted = (ctx.params.name ?? '').toLowerCase()
      const index = issue.labels.findIndex((l) => l.toLowerCase() === wanted)
      if (index < 0) return json(404, { message: 'Label does not exist' })
      issue.labels.splice(index, 1)
      return json(200, issueLabels(ctx, issue))
    }),
  ),
  route('GET', `${REPO}/labels`, (ctx) =>
    paginate(ctx, [...ctx.repo.labels.values()], (l) => labelJson(ctx, l)),
  ),
  route('POST', `${REPO}/labels`, createLabel),
  route('GET', `${REPO}/labels/:name`, (ctx) => {
    const label = ctx.repo.findLabel(ctx.params.name ?? '')
    return label ? json(200, labelJson(ctx, label)) : notFound()
  }),
  ...labelUpdateRoutes,
  ...contentRoutes,
]
