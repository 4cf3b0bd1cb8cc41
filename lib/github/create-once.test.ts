import { describe, expect, it } from '@jest/globals'
import { createOnce } from './create-once.js'

/** An error shaped as Octokit's, with a status. */
function httpError(status: number): Error {
  return Object.assign(new Error(`status ${status}`), { status })
}

describe('createOnce', () => {
  const quick = { delayMs: () => 0 }

  it('returns what the first attempt made', async () => {
    const made = await createOnce({
      ...quick,
      attempts: 3,
      create: () => Promise.resolve('a'),
      find: () => Promise.resolve(undefined),
    })
    expect(made).toBe('a')
  })

  it('finds what a late-failing attempt made instead of making it twice', async () => {
    const store: string[] = []
    const made = await createOnce({
      ...quick,
      attempts: 3,
      create: (request) => {
        expect(request).toEqual({ retries: 0 })
        store.push('release')
        return Promise.reject(httpError(502))
      },
      find: () => Promise.resolve(store[0]),
    })
    expect(made).toBe('release')
    expect(store).toHaveLength(1)
  })

  it('tries again when nothing was made, up to the attempts', async () => {
    let calls = 0
    const made = await createOnce({
      ...quick,
      attempts: 3,
      create: () =>
        ++calls < 3 ? Promise.reject(httpError(500)) : Promise.resolve('ok'),
      find: () => Promise.resolve(undefined),
    })
    expect([made, calls]).toEqual(['ok', 3])
    await expect(
      createOnce({
        ...quick,
        attempts: 2,
        create: () => Promise.reject(httpError(503)),
        find: () => Promise.resolve(undefined),
      }),
    ).rejects.toThrow('status 503')
  })

  it('throws a 4xx at once, without looking or trying again', async () => {
    let finds = 0
    await expect(
      createOnce({
        ...quick,
        attempts: 3,
        create: () => Promise.reject(httpError(422)),
        find: () => {
          finds++
          return Promise.resolve(undefined)
        },
      }),
    ).rejects.toThrow('status 422')
    expect(finds).toBe(0)
  })
})
