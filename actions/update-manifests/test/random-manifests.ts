// Random GitOps files for the property test of planEdits: Deployments with
// `image:` strings (block and flow), kustomization `images:` entries and
// Helm values maps, with comments, blank lines, quoting, decoy images,
// block scalars and document markers. Each generated file records the line
// of every place that holds an image's version, so a test can tell which
// lines an edit may touch.

/** One line that holds an image's version. */
export interface Place {
  /** 1-based. */
  readonly line: number
  /** The image as written in the file, without version. */
  readonly name: string
  /** The key on that line that holds the version. */
  readonly key: 'image' | 'newTag' | 'tag'
  /** The reference as written, for `image`; the tag for the others. */
  readonly written: string
}

/** A generated file and the places in it. */
export interface RandomFile {
  readonly text: string
  readonly places: readonly Place[]
}

/** Images the test may ask for, each in the forms a file may write it. */
export const WANTED: readonly (readonly string[])[] = [
  ['ghcr.io/org/api'],
  ['ghcr.io/org/worker'],
  ['nginx', 'docker.io/library/nginx', 'library/nginx'],
  ['localhost:5000/team/op'],
]

// Names that look like a wanted one but are not (C35: never a substring).
const DECOYS = [
  'ghcr.io/org/api-gateway',
  'ghcr.io/other/api',
  'nginx-exporter',
  'quay.io/nginx',
  'localhost:5001/team/op',
]

/** Tags that YAML would read as something else unquoted (C34), and others. */
export const TAGS = [
  '1.4.1',
  '1.10',
  '2.0',
  '0755',
  '20240101',
  'true',
  'v1.2.3',
  'main-0a1b2c3',
  'latest',
]

const DIGEST = `sha256:${'c'.repeat(64)}`
const COMMENTS = ['', '  # pinned by ci', ' # note', '   #']

/** Builds random files from one seeded source of numbers. */
export class ManifestGenerator {
  private lines: string[] = []
  private places: Place[] = []

  constructor(private readonly next: () => number) {}

  /** A stream of one to four documents of the three kinds. */
  file(): RandomFile {
    this.lines = []
    this.places = []
    if (this.chance(0.5)) this.lines.push('---')
    const docs = 1 + this.int(4)
    for (let d = 0; d < docs; d++) {
      if (d > 0) this.lines.push('---')
      if (this.chance(0.15)) {
        this.lines.push('# Source: chart/templates/empty.yaml')
        this.lines.push('---')
      }
      this.pick([
        () => this.deployment(),
        () => this.kustomization(),
        () => this.helmValues(),
        () => this.configMap(),
      ])()
    }
    return { text: `${this.lines.join('\n')}\n`, places: this.places }
  }

  private deployment(): void {
    const seq = this.pick(['  ', ''])
    this.push('apiVersion: apps/v1', 'kind: Deployment', 'metadata:')
    this.push('  name: app', 'spec:', '  template:', '    spec:')
    for (const key of ['initContainers', 'containers']) {
      if (key === 'initContainers' && this.chance(0.5)) continue
      this.push(`      ${key}:`)
      const count = 1 + this.int(3)
      for (let c = 0; c < count; c++) {
        const name = this.imageName()
        const ref = this.reference(name)
        if (this.chance(0.25)) {
          this.place(
            `      ${seq}- { name: c${c}, image: ${ref} }`,
            name,
            'image',
            ref,
          )
          continue
        }
        this.push(`      ${seq}- name: c${c}`)
        if (this.chance(0.3)) this.push(`      ${seq}  # image: ${ref}`)
        const quoted = this.quote(ref)
        this.place(
          `      ${seq}  image: ${quoted}${this.comment()}`,
          name,
          'image',
          ref,
        )
        if (this.chance(0.3)) this.push('')
        this.push(`      ${seq}  args: [serve]`)
      }
    }
  }

  private kustomization(): void {
    const seq = this.pick(['  ', ''])
    this.push('apiVersion: kustomize.config.k8s.io/v1beta1', 'resources:')
    this.push(`${seq}- deployment.yaml`, '')
    if (this.chance(0.5)) this.push('# images managed by CI')
    this.push('images:')
    const count = 1 + this.int(3)
    for (let i = 0; i < count; i++) {
      const name = this.imageName()
      const tag = this.pick(TAGS)
      this.push(`${seq}- name: ${name}`)
      this.place(
        `${seq}  newTag: ${this.tagScalar(tag)}${this.comment()}`,
        name,
        'newTag',
        tag,
      )
    }
  }

  private helmValues(): void {
    this.push('# Header comment', 'global:', '  environment: production')
    const count = 1 + this.int(3)
    for (let i = 0; i < count; i++) {
      const name = this.imageName()
      const tag = this.pick(TAGS)
      if (this.chance(0.4)) this.push('')
      this.push(`component${i}:`, '  image:', `    repository: ${name}`)
      this.place(
        `    tag: ${this.tagScalar(tag)}${this.comment()}`,
        name,
        'tag',
        tag,
      )
      this.push('    pullPolicy: IfNotPresent')
    }
  }

  // A block scalar that mentions the images: text, never an edit target.
  private configMap(): void {
    this.push('apiVersion: v1', 'kind: ConfigMap', 'data:', '  notes: |')
    for (const names of WANTED) {
      this.push(`    image: ${names[0] ?? ''}:0.0.1`)
    }
  }

  private imageName(): string {
    if (this.chance(0.3)) return this.pick(DECOYS)
    return this.pick(this.pick(WANTED))
  }

  private reference(name: string): string {
    return this.pick([
      `${name}:${this.pick(TAGS)}`,
      `${name}:${this.pick(TAGS)}@${DIGEST}`,
      `${name}@${DIGEST}`,
      name,
    ])
  }

  private tagScalar(tag: string): string {
    const quotes = /^[0-9.]+$|^true$/.test(tag) ? ["'", '"'] : ['', "'", '"']
    const q = this.pick(quotes)
    return `${q}${tag}${q}`
  }

  private quote(text: string): string {
    const q = this.pick(['', "'", '"'])
    return `${q}${text}${q}`
  }

  private comment(): string {
    return this.pick(COMMENTS)
  }

  private push(...lines: string[]): void {
    this.lines.push(...lines)
  }

  private place(
    line: string,
    name: string,
    key: Place['key'],
    written: string,
  ): void {
    this.lines.push(line)
    this.places.push({ line: this.lines.length, name, key, written })
  }

  private int(n: number): number {
    return Math.floor(this.next() * n)
  }

  private chance(p: number): boolean {
    return this.next() < p
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}
