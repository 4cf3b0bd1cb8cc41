// A pull request's changes as one diff: `GET /pulls/{n}` with the diff or
// patch media type. GitHub refuses it with 406 once the diff holds more than
// 300 files or 20 000 lines, which is why the stages read the paginated
// `GET /pulls/{n}/files` (routes-pulls.ts) instead; the stand-in refuses it
// the same way, so a stage that asked for it would fail its test.
// https://docs.github.com/rest/pulls/pulls#get-a-pull-request (media types)
// https://docs.github.com/rest/pulls/pulls#list-pull-requests-files
//
// The pull requests of a merge group need no route of their own: a
// merge_group event names its pull request in the queue branch
// (`gh-readonly-queue/main/pr-12-<sha>`), read with `GET /pulls/{n}`.
import { json, notFound, route, type Reply, type Route } from './route.js'
import { pullRoutes } from './routes-pulls.js'
import type { PullFile } from './state.js'

const PULL = '/repos/:owner/:repo/pulls/:pull_number'

/** The most files GitHub puts in one pull request diff. */
export const DIFF_MAX_FILES = 300

/** The most changed lines GitHub puts in one pull request diff. */
export const DIFF_MAX_LINES = 20_000

/** Whether an Accept header asks for a diff or a patch, not JSON. */
export function wantsDiff(accept: string | undefined): boolean {
  return /application\/vnd\.github(?:\.v3)?\.(?:diff|patch)\b/.test(
    accept ?? '',
  )
}

/** The diff of the files, as GitHub writes it, or its 406. */
function diffReply(files: readonly PullFile[]): Reply {
  const lines = files.reduce((n, f) => n + f.additions + f.deletions, 0)
  if (files.length > DIFF_MAX_FILES || lines > DIFF_MAX_LINES) {
    const limit =
      files.length > DIFF_MAX_FILES
        ? `files (${DIFF_MAX_FILES})`
        : `lines (${DIFF_MAX_LINES})`
    return json(406, {
      message: `Sorry, the diff exceeded the maximum number of ${limit}. List the pull request's files instead.`,
      errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }],
      documentation_url:
        'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
      status: '406',
    })
  }
  const text = files
    .map((f) => {
      const from = f.previous_filename ?? f.filename
      const head = `diff --git a/${from} b/${f.filename}`
      if (f.patch === undefined) {
        return `${head}\nBinary files a/${from} and b/${f.filename} differ\n`
      }
      return `${head}\n--- a/${from}\n+++ b/${f.filename}\n${f.patch}\n`
    })
    .join('')
  return {
    status: 200,
    raw: Buffer.from(text),
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  }
}

// The JSON answer stays the one routes-pulls.ts gives.
const pullJsonRoute = pullRoutes.find(
  (r) => r.method === 'GET' && r.pattern.test('/repos/o/r/pulls/1'),
)

/** `GET /pulls/{n}`: the diff media types here, JSON as before. */
export const pullFileRoutes: Route[] = [
  route('GET', PULL, (ctx) => {
    if (!wantsDiff(ctx.headers.accept)) {
      return pullJsonRoute ? pullJsonRoute.handle(ctx) : notFound()
    }
    const issue = ctx.repo.issues.get(Number(ctx.params.pull_number))
    return issue?.pull ? diffReply(issue.pull.files) : notFound()
  }),
]
