// The Kubernetes manifests of a GitOps repository, as people write them:
// header comments, blank lines between blocks, both list indentations, flow
// maps, quoted and plain scalars, block literals, trailing comments and
// lines past 80 columns. Each writes into a ManifestWriter; `random` is a
// seededPicker.
import {
  BENCH_IMAGES,
  ENVS,
  OTHER_IMAGES,
  header,
  itemPad,
} from './manifest-writer.js'

const FLUX_MARKER = ' # {"$imagepolicy": "flux-system:cortex"}'

function metadata(w, random, name, style) {
  w.lines(
    'metadata:',
    `  name: ${name}`,
    `  namespace: cortex-${random.pick(ENVS)}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: cortex',
  )
  if (random.chance(0.5)) {
    w.lines(
      '  annotations:',
      `    argocd.argoproj.io/sync-wave: "${random.int(-1, 3)}"`,
    )
    if (random.chance(0.3)) {
      w.line(
        `    cortex.example/description: "${name} serves the Cortex platform's requests and keeps its own cache warm between deploys"`,
      )
    }
  }
  if (style.airy) w.line()
}

/** One list item of containers, its image maybe a target one. */
function container(w, random, pad, style, name, repository) {
  const item = itemPad(pad, style)
  const field = `${item}  `
  w.line(`${item}- name: ${name}`)
  w.image(field, repository, random, random.chance(0.15) ? FLUX_MARKER : '')
  if (random.chance(0.6)) w.line(`${field}imagePullPolicy: IfNotPresent`)
  if (random.chance(0.5)) {
    w.lines(
      `${field}ports:`,
      `${itemPad(field, style)}- name: http`,
      `${itemPad(field, style)}  containerPort: ${random.pick([8080, 3000, 9090])}`,
    )
  }
  if (random.chance(0.6)) {
    const env = itemPad(field, style)
    w.lines(
      `${field}env:`,
      `${env}- name: LOG_LEVEL`,
      `${env}  value: "${random.pick(['info', 'debug', 'warn'])}"`,
      `${env}- name: FEATURES`,
      `${env}  value: 'search,export'`,
    )
  }
  w.lines(
    `${field}resources:`,
    `${field}  requests: {cpu: ${random.pick(['50m', '100m', '250m'])}, memory: 128Mi}`,
    `${field}  limits:`,
    `${field}    memory: ${random.pick(['256Mi', '512Mi', '1Gi'])}`,
  )
  if (random.chance(0.4)) {
    w.line(`${field}readinessProbe:`)
    w.line(`${field}  httpGet: {path: /healthz, port: http}`)
  }
}

/** A pod spec at `pad`: init containers, containers, volumes. */
function podSpec(w, random, pad, style, { name, main, noTargets = false }) {
  w.line(`${pad}serviceAccountName: ${name}`)
  if (random.chance(0.55)) {
    w.line(`${pad}# Runs the migrations before the app starts.`)
    w.line(`${pad}initContainers:`)
    const init =
      !noTargets && random.chance(0.75)
        ? 'ghcr.io/cortex/migrate'
        : OTHER_IMAGES[1]
    container(w, random, pad, style, 'migrate', init)
    if (style.airy) w.line()
  }
  w.line(`${pad}containers:`)
  container(w, random, pad, style, name, main)
  if (random.chance(0.3)) {
    container(w, random, pad, style, 'metrics', random.pick(OTHER_IMAGES))
  }
  if (random.chance(0.4)) {
    const item = itemPad(pad, style)
    w.lines(
      `${pad}volumes:`,
      `${item}- name: config`,
      `${item}  configMap:`,
      `${item}    name: ${name}-config`,
      `${item}    defaultMode: 0644`,
    )
  }
}

function mainImage(random, noTargets) {
  if (noTargets || random.chance(0.08)) return random.pick(OTHER_IMAGES)
  return random.pick(BENCH_IMAGES.filter((i) => !i.endsWith('/migrate')))
}

/** A Deployment or a StatefulSet. */
export function workload(w, random, { kind, name, style, noTargets = false }) {
  header(w, random)
  w.lines('apiVersion: apps/v1', `kind: ${kind}`)
  metadata(w, random, name, style)
  w.line('spec:')
  w.line(`  replicas: ${random.int(1, 5)}`)
  if (kind === 'StatefulSet') w.line(`  serviceName: ${name}`)
  w.lines(
    '  selector:',
    '    matchLabels:',
    `      app.kubernetes.io/name: ${name}`,
  )
  if (style.airy) w.line()
  w.lines(
    '  template:',
    '    metadata:',
    '      labels:',
    `        app.kubernetes.io/name: ${name}`,
    '    spec:',
  )
  const main = mainImage(random, noTargets)
  podSpec(w, random, '      ', style, { name, main, noTargets })
}

export function cronJob(w, random, { name, style }) {
  header(w, random)
  w.lines('apiVersion: batch/v1', 'kind: CronJob')
  metadata(w, random, name, style)
  w.lines(
    'spec:',
    `  schedule: "*/${random.pick([5, 15, 30])} * * * *"`,
    '  concurrencyPolicy: Forbid',
    '  jobTemplate:',
    '    spec:',
    '      backoffLimit: 2',
    '      template:',
    '        spec:',
    '          restartPolicy: OnFailure',
  )
  const main = random.chance(0.7) ? 'ghcr.io/cortex/worker' : mainImage(random)
  podSpec(w, random, '          ', style, { name, main })
}

export function service(w, random, { name }) {
  w.lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    `    app.kubernetes.io/name: ${name}`,
    '  ports:',
    `    - port: 80`,
    `      targetPort: http  # the container's named port`,
  )
}

export function configMap(w, random, { name }) {
  w.lines(
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    `  name: ${name}-config`,
    'data:',
    `  CACHE_TTL: "${random.int(30, 600)}"`,
    '  app.yaml: |',
    '    # read at start-up',
    `    listen: ":8080"`,
    '    upstreams:',
    `      - http://${name}.cortex.svc:80`,
  )
}

/** Several documents in one file, with comments and blank lines between. */
export function multiDocument(w, random, { name, style, noTargets = false }) {
  header(w, random)
  if (random.chance(0.5)) w.line('---')
  if (noTargets) {
    service(w, random, { name })
  } else {
    const kind = random.chance(0.8) ? 'Deployment' : 'StatefulSet'
    workload(w, random, { kind, name, style })
  }
  w.lines('', '---', `# The ${name} service.`)
  service(w, random, { name })
  w.lines('---')
  configMap(w, random, { name })
  if (!noTargets && random.chance(0.3)) {
    w.lines('', '---')
    cronJob(w, random, { name: `${name}-sweep`, style })
  }
}
