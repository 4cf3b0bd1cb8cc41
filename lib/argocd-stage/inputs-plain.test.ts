import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { warnIfPlain } from './inputs.js'

// The Argo CD token must not travel over plain http:// to another host.

afterEach(() => {
  jest.restoreAllMocks()
})

function warnings(server: string): string {
  const out: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk))
    return true
  })
  warnIfPlain(server)
  return out.join('')
}

describe('warnIfPlain', () => {
  it('warns for http:// to another host', () => {
    expect(warnings('http://argocd.example.org')).toContain(
      '::warning title=Unencrypted Argo CD connection::the Argo CD token is sent to argocd.example.org over plain http://; use https://',
    )
  })

  it.each([
    'https://argocd.example.org',
    'http://127.0.0.1:8080',
    'http://localhost:8080',
    'argocd.example.org',
  ])('stays quiet for %s', (server) => {
    expect(warnings(server)).toBe('')
  })
})
