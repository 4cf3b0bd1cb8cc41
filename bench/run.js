// Runs every benchmark, one command at a time: bundle startup, the release
// dry run against semantic-release and git log, and update-manifests across
// a GitOps tree against reading and writing the files and against yq, and
// verify-health waiting on 200 endpoints against wait-on and a shell loop.
// Prints the results as Markdown and writes them to bench/results.md. Takes
// about 25 minutes; yq and semantic-release are most of it.
//
// Run:  npm run bench        (node bench/run.js)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder, e.g. a fresh
//       `node scripts/build.js /tmp/x`>; missing tools are installed by npm
//       (semantic-release and wait-on into bench/.tools/, Node 24 into a
//       temp folder).
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as prettier from 'prettier'
import { benchRelease, releaseTable } from './release.js'
import { benchStartup, startupTable } from './startup.js'
import {
  benchUpdateManifests,
  updateManifestsTable,
} from './update-manifests.js'
import { benchCoverage, coverageTable } from './coverage.js'
import { benchSecretScan, secretScanTable } from './secret-scan.js'
import { benchVerifyHealth, verifyHealthTable } from './verify-health.js'
import { ROOT, bundleRoot } from './support/tools.js'

const started = new Date()
const startup = benchStartup()
const release = benchRelease()
const manifests = benchUpdateManifests()
const verifyHealth = await benchVerifyHealth()
const coverage = benchCoverage()
const secrets = benchSecretScan()
const { tools } = release
const dist = path.relative(ROOT, bundleRoot()) || '.'

const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'CPU'}`
const markdown = `# Benchmarks

Written by \`npm run bench\` (bench/run.js); do not edit by hand.

- measured: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC
- machine: ${cpu}, shared with other work (load average
  ${os.loadavg()[0].toFixed(1)} at the end), so read the ranges too
- Node ${tools.nodeVersion}, git ${tools.gitVersion}, semantic-release
  ${tools.semanticReleaseVersion}, ${manifests.tools.yq.version ?? 'no yq'} (${manifests.tools.yq.jq ?? 'no jq'}),
  wait-on ${verifyHealth.tools.waitOn}, curl ${verifyHealth.tools.curl ?? '(none)'},
  bundles from \`${dist}/\`
- each cell: the median wall time, the fastest and slowest run in brackets;
  the commands took turns, round by round, after one untimed warm-up round

## Release on a long history

Commits since \`v1.0.0\`: about 30 % feat, 30 % fix, 20 % chore, 10 % docs and
10 % not Conventional Commits; most have bodies, one in 1 000 has a
\`BREAKING CHANGE\` footer. A bare origin sits next to the clone. The three
commands, each with only \`PATH\` and \`HOME\` from the caller's environment:

\`\`\`sh
# ours
INPUT_DRY-RUN=true INPUT_GITHUB-RELEASE=false INPUT_CHANGELOG-FILE=none \\
  GITHUB_REF_NAME=main GITHUB_WORKSPACE=<clone> ... node ${dist}/release/index.js
# semantic-release (GIT_AUTHOR_* and GIT_COMMITTER_* set, no token)
semantic-release --dry-run --no-ci --branches main \\
  --repository-url file://<origin.git> \\
  --plugins @semantic-release/commit-analyzer,@semantic-release/release-notes-generator
# git log
git log --format=%H%x1f%P%x1f%B%x1e v1.0.0..HEAD > /dev/null
\`\`\`

${releaseTable(release)}

What each one does with the commits: ours parses every commit, renders the
notes of all of them and writes them to \`GITHUB_OUTPUT\` and the step summary;
semantic-release parses every commit, stops analysing at the first one that
calls for a major release (it reads oldest first), then renders notes of all.

## Setting images across a GitOps tree

2 000 seeded YAML files (Deployments and StatefulSets with init containers,
CronJobs, kustomizations, Helm values, multi-document files with comments);
five images set to \`2.0.0\`; the files are reset between runs. Floor and ours
take turns for 5 rounds after a warm-up, then yq runs 3 times:

\`\`\`sh
node bench/support/rewrite-files.js <tree>          # floor: read and write every file
INPUT_IMAGES=<5 refs> INPUT_FILES='**/*.yaml' INPUT_MODE=write \\
  INPUT_WORKING-DIRECTORY=<tree> node ${dist}/update-manifests/index.js
yq -y -i '<one jq filter doing the file’s edits>' <file>   # once per file naming an image
\`\`\`

${updateManifestsTable(manifests)}

## Waiting on 200 endpoints

200 HTTP endpoints on 127.0.0.1, served by one Node process apart from the
tool, each answering 503 until its seeded delay (0–10 s from the start) has
passed, then 200; a fresh server with the same schedule for every run. Each
tool asks each endpoint at most once a second; the three take turns, round by
round, after a warm-up round:

\`\`\`sh
# ours: a fixed 1 s wait after each answer
INPUT_HTTP-TARGETS=<200 URLs> INPUT_ATTEMPTS=60 INPUT_BACKOFF-BASE=1s \\
  INPUT_BACKOFF-FACTOR=1 INPUT_BACKOFF-MAX=1s INPUT_ATTEMPT-TIMEOUT=5s \\
  INPUT_TIMEOUT=60s ... node ${dist}/verify-health/index.js
# wait-on: every endpoint on a 1 s tick
wait-on -i 1000 -t 60000 --httpTimeout 5000 http-get://127.0.0.1:<port>/svc-000/ready ...
# shell loop: one endpoint after the other
for url in <200 URLs>; do until curl -fs -o /dev/null -m 5 "$url"; do sleep 1; done; done
\`\`\`

${verifyHealthTable(verifyHealth)}

## Parsing large coverage reports

A seeded 100 MB lcov file and a 50 MB Cobertura file, read by the coverage
bundle, by lcov-parse and @cvrg-report/cobertura-json, and read and thrown
away (the floor); peak memory from GNU time:

${coverageTable(coverage)}

## Scanning a tree for secrets

A seeded tree (source, lock files, minified bundles, binaries, one file over
the limit) with secrets planted; ours in tree mode, secretlint with its
recommended preset, and ripgrep with the same patterns (matching only) take
turns:

${secretScanTable(secrets)}

## Startup with nothing to do

Each bundle on a branch it does not release from, against an empty Node.

${startupTable(startup)}
`

// Formatted as `npm run lint` expects, so the file can be committed as is.
const file = path.join(ROOT, 'bench', 'results.md')
const formatted = await prettier.format(markdown, {
  ...(await prettier.resolveConfig(file)),
  filepath: file,
})
fs.writeFileSync(file, formatted)
console.log(`\n${formatted}`)
