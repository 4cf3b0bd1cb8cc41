import type { Git } from './git.js'

/**
 * The same Git, sending `token` as HTTP basic auth on network commands, when
 * the remote is an https URL and the clone holds no credentials of its own
 * (actions/checkout leaves an extraheader; that one wins). `mask` is called
 * with the encoded header value before it exists anywhere else, so the
 * runner hides it from every log.
 */
export async function withTokenAuth(
  git: Git,
  remote: string,
  token: string | undefined,
  mask: (secret: string) => void,
): Promise<Git> {
  if (token === undefined) return git
  const url = await git.run(['remote', 'get-url', remote], {
    allowFailure: true,
  })
  if (!/^https?:\/\//.test(url.stdout.trim())) return git
  const own = await git.run(
    ['config', '--get-regexp', '^http\\..*extraheader$'],
    { allowFailure: true },
  )
  if (own.stdout.trim() !== '') return git
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64')
  mask(basic)
  return git.withHttpHeader(`AUTHORIZATION: basic ${basic}`)
}
