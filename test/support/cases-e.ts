// Inputs of /work/shared/cases/CASES.md section E that more than one test
// file uses: lib/yaml's own tests and update-manifests' run of the cases.

/** Lines joined as a file: each ends with a newline. */
export const lines = (...l: string[]): string => `${l.join('\n')}\n`

// C31, from argocd-image-updater#1489.
export const C31 = lines(
  '# Header comment',
  'global:',
  '  environment: production',
  'images:',
  '  # Primary application image',
  '  app: &app-image',
  '    repository: myapp',
  '    tag: v1.0.0  # Current version',
  '    pullPolicy: IfNotPresent',
  '  sidecar:',
  '    <<: *app-image',
  '    tag: v1.0.0',
  'database:',
  '  port: 5432',
)
// C33, from yq#1248 and argocd-image-updater#1702.
export const C33 = lines(
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'resources:',
  '  - deployment.yaml',
  '',
  '# images managed by CI',
  'images:',
  '  - name: ghcr.io/org/app',
  '    newTag: 1.2.2   # bumped by bot',
)

// C35's digests, written out to their full 64 digits.
export const D1 = `sha256:${'1'.repeat(64)}`
export const D2 = `sha256:${'2'.repeat(64)}`
export const D3 = `sha256:${'3'.repeat(64)}`
