// The files that name images in parts rather than as one `image:` string:
// kustomize overlays (`images:` with `name`, `newName`, `newTag`) and Helm
// values (`repository`, maybe `registry`, and `tag`).
import {
  BENCH_IMAGES,
  ENVS,
  NEW_TAG,
  OTHER_IMAGES,
  header,
  itemPad,
  oldTag,
  styled,
} from './manifest-writer.js'

/** A kustomize overlay whose `images:` pins one to four images. */
export function kustomization(w, random, { style }) {
  header(w, random)
  w.lines(
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: cortex-${random.pick(ENVS)}`,
    '',
    'resources:',
    `${itemPad('', style)}- ../../base`,
    `${itemPad('', style)}- ingress.yaml`,
    '',
    '# Image versions: the CD pipeline sets these.',
    'images:',
  )
  const item = itemPad('', style)
  const names = new Set()
  const count = random.int(1, 4)
  for (let i = 0; i < count; i += 1) {
    const repository = random.pick([...BENCH_IMAGES, ...OTHER_IMAGES])
    if (names.has(repository)) continue
    names.add(repository)
    const quote = styled(random)
    if (random.chance(0.3)) {
      // A placeholder name in the base, renamed here.
      const short = repository.slice(repository.lastIndexOf('/') + 1)
      w.line(`${item}- name: ${short}-image`)
      w.line(`${item}  newName: ${repository}`)
    } else {
      w.line(`${item}- name: ${repository}`)
    }
    const old = quote(oldTag(random))
    if (!BENCH_IMAGES.includes(repository)) {
      w.line(`${item}  newTag: ${old}`)
    } else {
      const edit = { kind: 'kustomize', repository }
      w.target(`${item}  newTag: `, old, quote(NEW_TAG), edit)
    }
  }
  if (random.chance(0.5)) {
    w.lines(
      '',
      'patches:',
      `${item}- path: replicas.yaml`,
      `${item}  target:`,
      `${item}    kind: Deployment`,
    )
  }
}

/** Helm values: components each with `image: {repository, tag}`. */
export function helmValues(w, random, { name, style }) {
  w.lines(
    `# Default values for ${name}.`,
    '# This is a YAML-formatted file.',
    '',
  )
  w.lines(`replicaCount: ${random.int(1, 4)}`, '')
  const count = random.int(1, 3)
  const used = new Set()
  for (let i = 0; i < count; i += 1) {
    const repository = random.pick(BENCH_IMAGES)
    if (used.has(repository)) continue
    used.add(repository)
    const component = repository.slice(repository.lastIndexOf('/') + 1)
    w.lines(`${component}:`, '  # -- The image to run.', '  image:')
    if (random.chance(0.35)) {
      const slash = repository.indexOf('/')
      w.line(`    registry: ${repository.slice(0, slash)}`)
      w.line(`    repository: ${repository.slice(slash + 1)}`)
    } else {
      w.line(`    repository: ${repository}`)
    }
    w.line(`    # -- Overrides the chart's appVersion.`)
    const quote = styled(random)
    const edit = { kind: 'helm', repository }
    w.target('    tag: ', quote(oldTag(random)), quote(NEW_TAG), edit)
    w.lines(
      '    pullPolicy: IfNotPresent',
      '  resources: {}',
      '  podAnnotations: {}',
    )
    w.lines(
      '  service:',
      '    type: ClusterIP',
      `    port: ${random.pick([80, 8080])}`,
    )
    const item = itemPad('    ', style)
    w.lines(
      '  ingress:',
      `    enabled: ${random.chance(0.5)}`,
      '    hosts:',
      `${item}- host: ${component}.cortex.example`,
      `${item}  paths:`,
      `${itemPad(`${item}  `, style)}- path: /`,
      `${itemPad(`${item}  `, style)}  pathType: Prefix`,
      '  tolerations: []',
      '',
    )
  }
}
