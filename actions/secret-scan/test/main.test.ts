import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { expectValidSarif } from '../../../test/support/sarif-check.js'
import { sarifResults, scanRepo } from './stage.js'
import { fakeTokens, freshPrivateKey, randomText } from './tokens.js'

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const tokens = fakeTokens(7)
const GITHUB = tokens['github-token'] ?? ''
const STRIPE = tokens['stripe-live-key'] ?? ''
const PASSWORD = randomText(20, 11)
const DISPATCH = { name: 'workflow_dispatch' }

/** A repository with a token in config, a placeholder key in the README. */
function leakyRepo(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('feat: config', {
    'config/app.env': `LOG_LEVEL=debug\nGITHUB_TOKEN=${GITHUB}\n`,
    'README.md': [
      '# app',
      '"private_key":"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"',
      '',
    ].join('\n'),
  })
  repo.push()
  return repo
}

describe('the secret-scan stage on the tree', () => {
  it('fails on a new secret, with an annotation, a summary and SARIF', async () => {
    const repo = leakyRepo()
    const step = await scanRepo(repo, {}, DISPATCH)
    expect(step.failed).toBe(true)
    expect(step.outputs['findings']).toBe('1')
    expect(step.outputs['new']).toBe('1')
    expect(step.log).toMatch(
      /^::error title=Leaked secret \(github-token\),file=config\/app.env,line=2,col=14::GitHub token .*: ghp_\*\*\*\*\. Rotate it, then remove it\.$/m,
    )
    expect(step.log).toMatch(/^::error::1 new secret found/m)
    expect(step.summary).toContain(
      '| GitHub token (personal, OAuth, app or refresh) | `config/app.env:2` | `ghp_****` | new |',
    )
    expectValidSarif(step.sarif)
    expect(sarifResults(step.sarif)).toMatchObject([
      {
        ruleId: 'github-token',
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'config/app.env' },
              region: {
                startLine: 2,
                snippet: { text: 'GITHUB_TOKEN=ghp_****' },
              },
            },
          },
        ],
      },
    ])
  })

  it('never shows a secret: log, summary, outputs and SARIF hold four characters at most', async () => {
    const repo = leakyRepo()
    repo.commit('feat: more', {
      'deploy/values.yaml': `stripe:\n  apiKey: ${STRIPE}\n`,
      'src/settings.ts': `export const key = '${tokens['gcp-api-key']}' // ${GITHUB}\n`,
      'app/settings.py': `DB_PASSWORD = "${PASSWORD}"\n`,
    })
    const step = await scanRepo(repo, {}, DISPATCH)
    expect(step.outputs['new']).toBe('5')
    expect(step.log).toContain(
      `file=app/settings.py,line=1,col=16::Secret-looking value assigned to DB_PASSWORD: ${PASSWORD.slice(0, 4)}****.`,
    )
    for (const secret of [
      GITHUB,
      STRIPE,
      PASSWORD,
      tokens['gcp-api-key'] ?? '',
    ]) {
      expect(step.shown).not.toContain(secret.slice(0, 8))
    }
    expectValidSarif(step.sarif)
    const snippets = sarifResults(step.sarif).map((r) => JSON.stringify(r))
    expect(snippets.filter((r) => r.includes('src/settings.ts'))).toEqual([
      expect.stringContaining("export const key = 'AIza****' // ghp_****"),
      expect.stringContaining("export const key = 'AIza****' // ghp_****"),
    ])
  })

  it.each([['warn-only', 'true']])(
    'only warns with %s: %s',
    async (input, value) => {
      const repo = leakyRepo()
      const step = await scanRepo(repo, { [input]: value }, DISPATCH)
      expect(step.failed).toBe(false)
      expect(step.log).toMatch(
        /^::warning title=Leaked secret \(github-token\),file=config\/app.env/m,
      )
      expect(step.log).toMatch(
        /^::warning title=Secrets found::1 new secret found/m,
      )
      expect(step.summary).toContain('reported as warnings')
    },
  )

  it('says at debug level why each line of C57 is not reported', async () => {
    const repo = leakyRepo()
    repo.commit('chore: c57', {
      'c57.txt': [
        "tokenizationId: 'f865288c97ca4913887373728b8dfc4c',",
        'Use a username/password combination.',
        'client_secret: "_env:SALESFORCE_CLIENT_ID:REDACTED"',
      ].join('\n'),
    })
    const step = await scanRepo(repo, { 'warn-only': 'true' }, DISPATCH, {
      RUNNER_DEBUG: '1',
    })
    const debug = step.log
      .split('\n')
      .filter((l) => l.startsWith('::debug::c57.txt'))
    expect(debug).toEqual([
      "::debug::c57.txt:1 generic-secret: not reported, f865****: key 'tokenizationId' is not a secret name",
      '::debug::c57.txt:2 generic-secret: not reported, no value assigned',
      '::debug::c57.txt:3 generic-secret: not reported, _env****: the value contains the stop-word REDACTED',
    ])
  })
})

describe('allow comments, the ignore file and the baseline', () => {
  it('keeps an allowed or ignored finding out of the count, and in SARIF as suppressed (C58)', async () => {
    const repo = leakyRepo()
    repo.commit('test: fixtures', {
      'tests/fixtures/key.pem': freshPrivateKey(),
      'docs/setup.md': `<!-- gitleaks:allow -->\nUse \`${STRIPE}\` <!-- gitleaks:allow -->\n`,
      '.secret-scan-ignore': '# fixtures are test data\ntests/fixtures/**\n',
      'config/app.env': null,
    })
    const step = await scanRepo(repo, {}, DISPATCH)
    expect(step.failed).toBe(false)
    expect(step.outputs).toMatchObject({ findings: '0', new: '0' })
    expectValidSarif(step.sarif)
    expect(
      sarifResults(step.sarif)
        .map((r) => [r['ruleId'], r['suppressions']])
        .sort(),
    ).toEqual(
      [
        [
          'private-key',
          [
            {
              kind: 'external',
              justification: 'the path is in the ignore file',
            },
          ],
        ],
        [
          'stripe-live-key',
          [
            {
              kind: 'inSource',
              justification: 'allowed by gitleaks:allow on the line',
            },
          ],
        ],
      ].sort(),
    )
    expect(step.summary).toContain('1 allowed. 1 ignored.')
  })

  it('writes a baseline, and then lets its findings pass', async () => {
    const repo = leakyRepo()
    const first = await scanRepo(repo, { 'write-baseline': 'true' }, DISPATCH)
    expect(first.failed).toBe(false)
    const baseline = JSON.parse(
      repo.readFile('.secret-scan-baseline.json'),
    ) as {
      findings: { fingerprint: string; redacted: string }[]
    }
    expect(baseline.findings).toMatchObject([
      { rule: 'github-token', path: 'config/app.env', redacted: 'ghp_****' },
    ])
    expect(JSON.stringify(baseline)).not.toContain(GITHUB)
    const second = await scanRepo(repo, {}, DISPATCH)
    expect(second.failed).toBe(false)
    expect(second.outputs).toMatchObject({ findings: '1', new: '0' })
    expect(sarifResults(second.sarif)).toMatchObject([
      {
        partialFingerprints: {
          'cortexFindingHash/v1': baseline.findings[0]?.fingerprint,
        },
        suppressions: [{ kind: 'external', justification: 'in the baseline' }],
      },
    ])
  })
})

describe('the secret-scan stage on commits', () => {
  /** A pull request that adds a key, deletes it, and adds another. */
  function pullRequest(): { repo: GitRepo; payload: object; added: string } {
    const repo = leakyRepo()
    const base = repo.head()
    repo.branch('feature')
    repo.checkout('feature')
    const added = repo.commit('feat: old settings', {
      'old.env': `STRIPE=${STRIPE}\n`,
    })
    repo.commit('fix: new settings', {
      'old.env': null,
      'config/new.env': `# npm\nNPM_TOKEN=${tokens['npm-token']}\n`,
    })
    const payload = {
      pull_request: { base: { sha: base }, head: { sha: repo.head() } },
    }
    return { repo, payload, added }
  }

  it('reports a secret only in history in the summary, never as an alert (C63)', async () => {
    const { repo, payload, added } = pullRequest()
    const step = await scanRepo(repo, {}, { name: 'pull_request', payload })
    expect(step.failed).toBe(true)
    expect(step.outputs).toMatchObject({ findings: '2', new: '2' })
    expect(step.summary).toContain(
      `| Stripe live secret or restricted key | \`old.env:1\` in ${added.slice(0, 7)} (only in history) | \`sk_l****\` | new |`,
    )
    expect(step.summary).toContain('(1 only in history)')
    expect(step.log).not.toMatch(/^::error .*file=old\.env/m)
    expect(step.log).toMatch(
      /^::error title=Leaked secret \(npm-token\),file=config\/new.env,line=2/m,
    )
    expectValidSarif(step.sarif)
    expect(sarifResults(step.sarif).map((r) => r['ruleId'])).toEqual([
      'npm-token',
    ])
    expect(step.shown).not.toContain(STRIPE.slice(0, 8))
  })

  it('shows a secret renamed since it was added at its path now, as an alert', async () => {
    const repo = leakyRepo()
    const base = repo.head()
    repo.branch('feature')
    repo.checkout('feature')
    repo.commit('feat: settings', { 'config.env': `STRIPE=${STRIPE}\n` })
    repo.commit('refactor: rename the settings', {
      'config.env': null,
      'conf-renamed.env': `STRIPE=${STRIPE}\n`,
    })
    const payload = {
      pull_request: { base: { sha: base }, head: { sha: repo.head() } },
    }
    const step = await scanRepo(repo, {}, { name: 'pull_request', payload })
    expect(step.failed).toBe(true)
    expect(step.summary).not.toContain('only in history')
    expect(step.log).toMatch(/^::error .*file=conf-renamed\.env,line=1/m)
    expectValidSarif(step.sarif)
    expect(step.shown).not.toContain(STRIPE.slice(0, 8))
  })

  it('succeeds with a notice when the range is empty (C59)', async () => {
    const repo = leakyRepo()
    const head = repo.head()
    const step = await scanRepo(
      repo,
      {},
      {
        name: 'push',
        payload: { before: head, after: head, ref: 'refs/heads/main' },
      },
    )
    expect(step.failed).toBe(false)
    expect(step.outputs).toMatchObject({ findings: '0', new: '0' })
    expect(step.log).toMatch(
      /^::notice title=Secret scan::Nothing to scan: .*no commits\.$/m,
    )
    expect(step.summary).toContain('Nothing to scan')
    expectValidSarif(step.sarif)
  })
})
