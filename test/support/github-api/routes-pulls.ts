// Pull requests: get, list, create, update, their files, and the pull
// requests associated with a commit.
// https://docs.github.com/rest/pulls/pulls
// https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit
import { createHash } from 'node:crypto'
import { paginate } from './pagination.js'
import { issueLabels } from './routes-issues.js'
import {
  booleanField,
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
import type { Issue, PullDetails, PullFile } from './state.js'

const REPO = '/repos/:owner/:repo'
const PULL = `${REPO}/pulls/:pull_number`

/** An issue that is a pull request. */
type Pull = Issue & { pull: PullDetails }

function isPull(issue: Issue | undefined): issue is Pull {
  return issue?.pull !== undefined
}

function repoJson(ctx: RouteContext): unknown {
  const { owner, name, fullName, id } = ctx.repo
  return {
    id,
    node_id: nodeId('R', id),
    name,
    full_name: fullName,
    owner: { login: owner, type: 'Organization' },
    private: false,
    html_url: repoWeb(ctx),
    url: repoApi(ctx),
    default_branch: 'main',
  }
}

function branchJson(ctx: RouteContext, side: { ref: string; sha: string }) {
  return {
    label: `${ctx.repo.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: { login: ctx.repo.owner, type: 'Organization' },
    repo: repoJson(ctx),
  }
}

function pullJson(ctx: RouteContext, issue: Pull): unknown {
  const { pull } = issue
  const api = `${repoApi(ctx)}/pulls/${issue.number}`
  const web = `${repoWeb(ctx)}/pull/${issue.number}`
  const sum = (key: 'additions' | 'deletions'): number =>
    pull.files.reduce((total, f) => total + f[key], 0)
  return {
    url: api,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${repoApi(ctx)}/issues/${issue.number}`,
    commits_url: `${api}/commits`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userJson(ctx),
    body: issue.body,
    labels: issueLabels(ctx, issue),
    milestone: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    draft: pull.draft,
    head: branchJson(ctx, pull.head),
    base: branchJson(ctx, pull.base),
    author_association: 'OWNER',
    merged: pull.merged,
    mergeable: null,
    commits: pull.commits.length,
    additions: sum('additions'),
    deletions: sum('deletions'),
    changed_files: pull.files.length,
  }
}

function fileJson(ctx: RouteContext, issue: Pull, file: PullFile): unknown {
  const sha = createHash('sha1')
    .update(`${file.filename}\0${file.patch ?? ''}`)
    .digest('hex')
  const path = file.filename.split('/').map(encodeURIComponent).join('/')
  const head = issue.pull.head.sha
  return {
    sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${repoWeb(ctx)}/blob/${head}/${path}`,
    raw_url: `${repoWeb(ctx)}/raw/${head}/${path}`,
    contents_url: `${repoApi(ctx)}/contents/${path}?ref=${head}`,
    ...(file.patch !== undefined && { patch: file.patch }),
    ...(file.previous_filename !== undefined && {
      previous_filename: file.previous_filename,
    }),
  }
}

/** `owner:branch` or `branch` → the branch, for this repository. */
function branchOf(ctx: RouteContext, head: string): string | undefined {
  const [owner, branch] = head.includes(':') ? head.split(':') : ['', head]
  if (owner && owner !== ctx.repo.owner) return undefined
  return branch
}

function pulls(ctx: RouteContext): Pull[] {
  return [...ctx.repo.issues.values()].filter(isPull)
}

function listPulls(ctx: RouteContext): Reply {
  const state = ctx.query.get('state') ?? 'open'
  const head = ctx.query.get('head')
  const base = ctx.query.get('base')
  const found = pulls(ctx)
    .filter((p) => state === 'all' || p.state === state)
    .filter((p) => head === null || branchOf(ctx, head) === p.pull.head.ref)
    .filter((p) => base === null || p.pull.base.ref === base)
    .sort((a, b) => b.number - a.number)
  return paginate(ctx, found, (p) => pullJson(ctx, p))
}

function createPull(ctx: RouteContext): Reply {
  const b = ctx.body
  const title = stringField(b, 'title')
  const head = branchOf(ctx, stringField(b, 'head') ?? '')
  const base = stringField(b, 'base')
  if (!title) return validationFailed('PullRequest', 'title', 'missing_field')
  if (!head) return validationFailed('PullRequest', 'head', 'invalid')
  if (!base) return validationFailed('PullRequest', 'base', 'invalid')
  const open = pulls(ctx).find(
    (p) =>
      p.state === 'open' &&
      p.pull.head.ref === head &&
      p.pull.base.ref === base,
  )
  if (open) {
    return json(422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'PullRequest',
          code: 'custom',
          message: `A pull request already exists for ${ctx.repo.owner}:${head}.`,
        },
      ],
    })
  }
  const pull = ctx.repo.seedPull({
    title,
    body: stringField(b, 'body') ?? null,
    draft: booleanField(b, 'draft') ?? false,
    head: { ref: head, sha: ctx.repo.branchSha(head) },
    base: { ref: base, sha: ctx.repo.branchSha(base) },
  })
  return json(201, pullJson(ctx, pull as Pull))
}

function updatePull(ctx: RouteContext, issue: Pull): Reply {
  const b = ctx.body
  issue.title = stringField(b, 'title') ?? issue.title
  issue.body = stringField(b, 'body') ?? issue.body
  const state = stringField(b, 'state')
  if (state === 'open' || state === 'closed') {
    issue.state = state
    issue.closed_at = state === 'closed' ? ctx.state.timestamp() : null
  }
  const base = stringField(b, 'base')
  if (base) issue.pull.base = { ref: base, sha: ctx.repo.branchSha(base) }
  issue.updated_at = ctx.state.timestamp()
  return json(200, pullJson(ctx, issue))
}

/** Runs `then` on the pull request named by the path, or answers 404. */
function withPull(then: (ctx: RouteContext, pull: Pull) => Reply) {
  return (ctx: RouteContext): Reply => {
    const issue = ctx.repo.issues.get(Number(ctx.params.pull_number))
    return isPull(issue) ? then(ctx, issue) : notFound()
  }
}

/** The pull request endpoints. */
export const pullRoutes: Route[] = [
  route('GET', `${REPO}/pulls`, listPulls),
  route('POST', `${REPO}/pulls`, createPull),
  route(
    'GET',
    PULL,
    withPull((ctx, p) => json(200, pullJson(ctx, p))),
  ),
  route('PATCH', PULL, withPull(updatePull)),
  route(
    'GET',
    `${PULL}/files`,
    withPull((ctx, p) =>
      paginate(ctx, p.pull.files, (f) => fileJson(ctx, p, f)),
    ),
  ),
  route('GET', `${REPO}/commits/:sha/pulls`, (ctx) => {
    const sha = ctx.params.sha ?? ''
    const found = pulls(ctx).filter(
      ({ pull }) =>
        pull.head.sha === sha ||
        pull.merge_commit_sha === sha ||
        pull.commits.includes(sha),
    )
    return paginate(ctx, found, (p) => pullJson(ctx, p))
  }),
]
