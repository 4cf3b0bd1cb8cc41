import { describe, expect, it } from '@jest/globals'
import {
  DIGEST,
  SHA,
  runCore,
  settings,
  stubGit,
  tools,
  useTempDir,
  workDir,
} from './core-harness.js'

// The build-images core, builds that go through: pushes, logins and
// logouts, signing, a dry run and a local run.

useTempDir()

describe('buildImages', () => {
  it('builds, pushes and reads the platforms of a branch push', async () => {
    const docker = tools()
    const { result, logger } = await runCore(settings(), docker.run)
    expect(result).toMatchObject({
      shortSha: '7f3a6ce',
      images: [
        {
          name: 'ghcr.io/org/app',
          tags: ['ghcr.io/org/app:main-7f3a6ce', 'ghcr.io/org/app:main'],
          digest: DIGEST,
          ref: `ghcr.io/org/app@${DIGEST}`,
          platforms: ['linux/amd64'],
          signed: false,
        },
      ],
    })
    expect(result.version).toBeUndefined()
    expect(docker.calls.map((c) => c.args.slice(0, 3).join(' '))).toEqual([
      'buildx build --file',
      'buildx imagetools inspect',
    ])
    expect(docker.calls[0]?.options.cwd).toBe(workDir())
    expect(logger.at('info')).toContain('#1 DONE 0.1s')
    expect(logger.at('group')).toEqual(['Build and push ghcr.io/org/app'])
  })

  it('logs in to the password’s one registry on stdin, then signs each digest once', async () => {
    const docker = tools()
    const s = settings({
      sign: true,
      login: {
        registry: 'ghcr.io',
        username: 'octocat',
        password: 'pw-secret',
      },
      images: [
        'ghcr.io/org/api',
        'ghcr.io/org/worker',
        'docker.io/org/api',
      ].map((name) => ({
        name,
        context: '.',
        dockerfile: 'Dockerfile',
        platforms: ['linux/amd64'],
        buildArgs: {},
      })),
    })
    const { logger } = await runCore(s, docker.run)
    // N12: docker.io/org/api goes with docker's own login, not this password.
    const logins = docker.calls.filter((c) => c.args[0] === 'login')
    expect(logins.map((c) => c.args)).toEqual([
      ['login', 'ghcr.io', '--username', 'octocat', '--password-stdin'],
    ])
    expect(logins.map((c) => c.options.input)).toEqual(['pw-secret'])
    expect(logger.at('info')).toContain(
      'docker.io/org/api: pushed with the login docker already holds for its registry; registry-password is for ghcr.io only',
    )
    expect(docker.calls.some((c) => c.args.includes('pw-secret'))).toBe(false)
    const signs = docker.calls.filter((c) => c.command === 'cosign')
    expect(signs.map((c) => c.args)).toEqual([
      ['sign', '--yes', `ghcr.io/org/api@${DIGEST}`],
      ['sign', '--yes', `ghcr.io/org/worker@${DIGEST}`],
      ['sign', '--yes', `docker.io/org/api@${DIGEST}`],
    ])
    // cosign pushes signatures with the login, so the logout comes last.
    expect(docker.calls.at(-2)?.command).toBe('cosign')
    expect(docker.calls.filter((c) => c.args[0] === 'logout')).toEqual([
      docker.calls.at(-1),
    ])
    expect(docker.calls.at(-1)?.args).toEqual(['logout', 'ghcr.io'])
    expect(logger.at('group')).toEqual([
      'Log in to ghcr.io',
      'Build and push ghcr.io/org/api',
      'Build and push ghcr.io/org/worker',
      'Build and push docker.io/org/api',
      'Log out of ghcr.io',
    ])
  })

  it('only builds when push is off: no login, no inspect, the requested platforms', async () => {
    const docker = tools()
    const { result } = await runCore(
      settings({
        push: false,
        login: { registry: 'ghcr.io', username: 'u', password: 'p' },
      }),
      docker.run,
    )
    expect(docker.calls).toHaveLength(1)
    expect(docker.calls[0]?.args).not.toContain('--push')
    expect(result.images[0]).toMatchObject({ platforms: ['linux/amd64'] })
  })

  it('runs nothing in a dry run and lists every command, no secret among them', async () => {
    const docker = tools()
    const { result, logger } = await runCore(
      settings({
        dryRun: true,
        sign: true,
        login: {
          registry: 'ghcr.io',
          username: 'octocat',
          password: 'pw-secret',
        },
      }),
      docker.run,
    )
    expect(docker.calls).toEqual([])
    expect(result.commands).toHaveLength(5)
    expect(result.commands[0]).toBe(
      'docker login ghcr.io --username octocat --password-stdin',
    )
    expect(result.commands[1]).toMatch(
      /^docker buildx build --file Dockerfile /,
    )
    expect(result.commands.slice(2)).toEqual([
      "docker buildx imagetools inspect 'ghcr.io/org/app@<digest>' --raw",
      "cosign sign --yes 'ghcr.io/org/app@<digest>'",
      'docker logout ghcr.io',
    ])
    expect(result.commands.join('\n')).not.toContain('pw-secret')
    expect(logger.at('info')).toEqual(expect.arrayContaining(result.commands))
    expect(result.images[0]).toMatchObject({ digest: '', ref: '' })
  })

  it('keeps the digest empty for a build without push that gave none', async () => {
    const docker = tools(() => ({}))
    const { result } = await runCore(settings({ push: false }), docker.run)
    expect(result.images[0]).toMatchObject({ digest: '', ref: '' })
  })

  it('takes the ref and commit from the checkout in a local run', async () => {
    const git = stubGit({
      'rev-parse --verify --quiet HEAD': SHA,
      'symbolic-ref --quiet HEAD': 'refs/heads/feature/x',
    })
    const { result } = await runCore(
      settings({ dryRun: true, trigger: { event: 'push' } }),
      tools().run,
      git,
    )
    expect(result.images[0]?.tags).toEqual([
      'ghcr.io/org/app:feature-x-7f3a6ce',
      'ghcr.io/org/app:feature-x',
    ])
  })

  it.each([
    ['GITHUB_REF', { 'rev-parse --verify --quiet HEAD': SHA }],
    ['GITHUB_SHA', { 'symbolic-ref --quiet HEAD': 'refs/heads/main' }],
  ])(
    'asks for %s when neither the runner nor git gives it',
    async (name, answers) => {
      await expect(
        runCore(
          settings({ trigger: { event: 'push' } }),
          tools().run,
          stubGit(answers),
        ),
      ).rejects.toThrow(`${name}: got ""; expected the`)
    },
  )
})
