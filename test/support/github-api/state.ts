// The stand-in's memory: one RepoState per `owner/repo`, made on first use.
// Tests read it to check what a stage wrote and seed it before a run. Refs
// here are never synced with any git repository; tests compare both.

/** A release as the stand-in keeps it. */
export interface Release {
  id: number
  tag_name: string
  target_commitish: string
  name: string | null
  body: string | null
  draft: boolean
  prerelease: boolean
  /** As last sent (`true`, `false` or `legacy`); GitHub never echoes it. */
  make_latest?: string
  /** Assets can be neither added nor deleted; only name and body change. */
  immutable: boolean
  created_at: string
  published_at: string | null
  assets: Asset[]
}

/** A release asset with its bytes. */
export interface Asset {
  id: number
  /** The name as GitHub stores it, after renaming special characters. */
  name: string
  label: string | null
  content_type: string
  data: Buffer
  download_count: number
  created_at: string
}

/** An annotated tag object made through `POST /git/tags`. */
export interface TagObject {
  sha: string
  tag: string
  message: string
  object: { sha: string; type: string }
  tagger: { name: string; email: string; date: string }
}

/** A repository label. */
export interface Label {
  id: number
  name: string
  color: string
  description: string | null
}

/** A changed file of a pull request; `patch` is absent for binaries. */
export interface PullFile {
  filename: string
  status: string
  additions: number
  deletions: number
  patch?: string
  previous_filename?: string
}

/** What makes an issue a pull request. */
export interface PullDetails {
  head: { ref: string; sha: string }
  base: { ref: string; sha: string }
  draft: boolean
  merged: boolean
  merge_commit_sha: string | null
  merged_at: string | null
  /** SHAs that `GET /commits/{sha}/pulls` finds this pull request by. */
  commits: string[]
  files: PullFile[]
}

/** An issue, or a pull request when `pull` is set (they share numbers). */
export interface Issue {
  id: number
  number: number
  title: string
  body: string | null
  state: 'open' | 'closed'
  state_reason: string | null
  /** Label names; the labels themselves are in `RepoState.labels`. */
  labels: string[]
  created_at: string
  updated_at: string
  closed_at: string | null
  pull?: PullDetails
}

/** An issue or pull request comment. */
export interface Comment {
  id: number
  issue_number: number
  body: string
  created_at: string
  updated_at: string
}

/** What `seedPull` needs; the rest gets GitHub's defaults. */
export interface PullSeed {
  title: string
  head: { ref: string; sha: string }
  base: { ref: string; sha?: string }
  body?: string | null
  state?: 'open' | 'closed'
  draft?: boolean
  merge_commit_sha?: string | null
  merged?: boolean
  labels?: string[]
  commits?: string[]
  files?: PullFile[]
}

const ZERO_SHA = '0'.repeat(40)

/** One repository's releases, refs, tags, issues, pulls and labels. */
export class RepoState {
  readonly releases = new Map<number, Release>()
  /** Full ref name (`refs/tags/v1`) → SHA. */
  readonly refs = new Map<string, string>()
  /** Annotated tag objects by their SHA. */
  readonly tags = new Map<string, TagObject>()
  readonly issues = new Map<number, Issue>()
  readonly comments = new Map<number, Comment>()
  /** Labels by name. */
  readonly labels = new Map<string, Label>()
  /** When true, publishing a release makes it immutable, as on GitHub. */
  immutableReleases = false
  /** The release `GET /releases/latest` prefers, while it qualifies. */
  latestReleaseId: number | undefined
  private lastNumber = 0

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly id: number,
    private readonly state: ApiState,
  ) {}

  get fullName(): string {
    return `${this.owner}/${this.name}`
  }

  /** The next issue or pull request number. */
  nextNumber(): number {
    this.lastNumber += 1
    return this.lastNumber
  }

  /** Points a ref (`refs/tags/v1` or `tags/v1`) at a SHA. */
  seedRef(ref: string, sha: string): void {
    this.refs.set(ref.startsWith('refs/') ? ref : `refs/${ref}`, sha)
  }

  /** Adds a release; unset fields are those of a published release. */
  seedRelease(seed: Partial<Release> & { tag_name: string }): Release {
    const now = this.state.timestamp()
    const release: Release = {
      id: this.state.nextId(),
      target_commitish: 'main',
      name: seed.tag_name,
      body: null,
      draft: false,
      prerelease: false,
      immutable: false,
      created_at: now,
      published_at: seed.draft === true ? null : now,
      assets: [],
      ...seed,
    }
    this.releases.set(release.id, release)
    return release
  }

  /** Adds an open issue. */
  seedIssue(seed: Partial<Issue> & { title: string }): Issue {
    const now = this.state.timestamp()
    const issue: Issue = {
      id: this.state.nextId(),
      number: this.nextNumber(),
      body: null,
      state: 'open',
      state_reason: null,
      labels: [],
      created_at: now,
      updated_at: now,
      closed_at: null,
      ...seed,
    }
    for (const name of issue.labels) this.label(name)
    this.issues.set(issue.number, issue)
    return issue
  }

  /** Adds a pull request, open unless said otherwise. */
  seedPull(seed: PullSeed): Issue {
    const merged = seed.merged ?? false
    const closed = merged || seed.state === 'closed'
    const now = this.state.timestamp()
    return this.seedIssue({
      title: seed.title,
      body: seed.body ?? null,
      state: closed ? 'closed' : 'open',
      closed_at: closed ? now : null,
      labels: seed.labels ?? [],
      pull: {
        head: { ...seed.head },
        base: { ref: seed.base.ref, sha: seed.base.sha ?? ZERO_SHA },
        draft: seed.draft ?? false,
        merged,
        merge_commit_sha: seed.merge_commit_sha ?? null,
        merged_at: merged ? now : null,
        commits: seed.commits ?? [seed.head.sha],
        files: seed.files ?? [],
      },
    })
  }

  /** The label of that name, made (grey, no description) when missing. */
  label(name: string): Label {
    const found = this.findLabel(name)
    if (found) return found
    const id = this.state.nextId()
    const label: Label = { id, name, color: 'ededed', description: null }
    this.labels.set(name, label)
    return label
  }

  /** The label of that name, compared without case as GitHub does. */
  findLabel(name: string): Label | undefined {
    const wanted = name.toLowerCase()
    return [...this.labels.values()].find(
      (l) => l.name.toLowerCase() === wanted,
    )
  }

  /** The release with that tag, drafts included. */
  releaseByTag(tag: string): Release | undefined {
    return [...this.releases.values()].find((r) => r.tag_name === tag)
  }

  /** The branch's SHA from the seeded refs, or forty zeros. */
  branchSha(branch: string): string {
    return this.refs.get(`refs/heads/${branch}`) ?? ZERO_SHA
  }
}

/** The user the stand-in acts as. */
export interface Viewer {
  login: string
  id: number
  type: 'User' | 'Bot'
}

/** All repositories of one stand-in, and the ids they draw from. */
export class ApiState {
  readonly repos = new Map<string, RepoState>()
  /** The author of every release, issue and comment the stand-in makes. */
  viewer: Viewer = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
  private lastId = 1000

  constructor(
    /** The clock behind created_at and friends. */
    readonly now: () => Date = () => new Date(),
    /**
     * Decides whether a ref update without `force` is a fast forward. The
     * stand-in knows no commit graph: without this, every update passes.
     */
    readonly isAncestor?: (ancestor: string, descendant: string) => boolean,
  ) {}

  /** The repository `owner/repo`, made empty on first use. */
  repo(fullName: string): RepoState {
    let repo = this.repos.get(fullName)
    if (!repo) {
      const [owner = '', name = ''] = fullName.split('/')
      repo = new RepoState(owner, name, this.nextId(), this)
      this.repos.set(fullName, repo)
    }
    return repo
  }

  /** A fresh numeric id, unique across everything in this stand-in. */
  nextId(): number {
    this.lastId += 1
    return this.lastId
  }

  /** Now, as GitHub writes timestamps (no milliseconds). */
  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
  }
}
