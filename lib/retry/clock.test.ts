import { describe, expect, it } from '@jest/globals'
import { FakeClock, realClock, TimeoutError, timeoutSignal } from './index.js'

describe('realClock', () => {
  it('sleeps about as long as asked', async () => {
    const before = realClock.now()
    await realClock.sleep(20)
    expect(realClock.now() - before).toBeGreaterThanOrEqual(15)
  })

  it('stops sleeping with the reason once the signal aborts', async () => {
    const controller = new AbortController()
    const sleeping = realClock.sleep(60_000, controller.signal)
    controller.abort(new Error('run cancelled'))
    await expect(sleeping).rejects.toThrow('run cancelled')
  })

  it('does not sleep at all on a signal already aborted', async () => {
    await expect(realClock.sleep(60_000, AbortSignal.abort())).rejects.toThrow(
      /aborted/,
    )
  })
})

describe('FakeClock', () => {
  it('starts at 2025-01-01 and moves only when told', async () => {
    const clock = new FakeClock()
    expect(new Date(clock.now()).toISOString()).toBe('2025-01-01T00:00:00.000Z')
    await clock.advance(1_500)
    expect(clock.now()).toBe(Date.UTC(2025, 0, 1) + 1_500)
  })

  it('wakes a sleep when time reaches its end, not before', async () => {
    const clock = new FakeClock(0)
    let woke = false
    void clock.sleep(5_000).then(() => (woke = true))
    await clock.advance(4_999)
    expect(woke).toBe(false)
    await clock.advance(1)
    expect(woke).toBe(true)
  })

  it('wakes sleeps in order, and ones begun on the way', async () => {
    const clock = new FakeClock(0)
    const woke: string[] = []
    void clock.sleep(3_000).then(() => woke.push(`a@${clock.now()}`))
    void clock.sleep(1_000).then(async () => {
      woke.push(`b@${clock.now()}`)
      await clock.sleep(1_000)
      woke.push(`c@${clock.now()}`)
    })
    await clock.advance(10_000)
    expect(woke).toEqual(['b@1000', 'c@2000', 'a@3000'])
    expect(clock.slept).toEqual([3_000, 1_000, 1_000])
    expect(clock.now()).toBe(10_000)
  })

  it('jumps to the next sleep with next(), and says when none waits', async () => {
    const clock = new FakeClock(0)
    const sleeping = clock.sleep(7_000)
    expect(clock.pending).toBe(1)
    expect(await clock.next()).toBe(true)
    await sleeping
    expect(clock.now()).toBe(7_000)
    expect(await clock.next()).toBe(false)
  })

  it('records an aborted sleep and rejects it with the reason', async () => {
    const clock = new FakeClock(0)
    const controller = new AbortController()
    const sleeping = clock.sleep(5_000, controller.signal)
    controller.abort(new Error('stop'))
    await expect(sleeping).rejects.toThrow('stop')
    expect(clock.sleeps).toEqual([
      { at: 0, ms: 5_000, state: 'aborted', timeout: false },
    ])
    expect(clock.pending).toBe(0)
  })

  it('drives a promise to its end through its sleeps with run()', async () => {
    const clock = new FakeClock(0)
    const work = async (): Promise<number> => {
      await clock.sleep(5_000)
      await clock.sleep(10_000)
      return clock.now()
    }
    await expect(clock.run(work())).resolves.toBe(15_000)
  })

  it('gives real I/O its time before an attempt timeout fires', async () => {
    const clock = new FakeClock(0)
    const guard = timeoutSignal(clock, 10_000)
    const io = new Promise<string>((resolve) =>
      setTimeout(() => resolve('answered'), 30),
    )
    const answer = await clock.run(io.finally(() => guard.clear()))
    expect(answer).toBe('answered')
    expect(guard.signal.aborted).toBe(false)
    expect(clock.now()).toBe(0)
  })
})

describe('timeoutSignal', () => {
  it('aborts with a TimeoutError when the clock reaches it', async () => {
    const clock = new FakeClock(0)
    const { signal } = timeoutSignal(clock, 10_000)
    await clock.advance(9_999)
    expect(signal.aborted).toBe(false)
    await clock.advance(1)
    expect(signal.reason).toBeInstanceOf(TimeoutError)
    expect((signal.reason as Error).message).toBe('timeout after 10 s')
    expect(clock.sleeps[0]).toMatchObject({ timeout: true, state: 'done' })
  })

  it('never aborts once cleared', async () => {
    const clock = new FakeClock(0)
    const guard = timeoutSignal(clock, 1_000)
    guard.clear()
    await clock.advance(5_000)
    expect(guard.signal.aborted).toBe(false)
    expect(clock.pending).toBe(0)
  })

  it('aborts with the parent, at once, and stops its timer', () => {
    const clock = new FakeClock(0)
    const parent = new AbortController()
    const { signal } = timeoutSignal(clock, 1_000, parent.signal)
    parent.abort(new Error('cancelled'))
    expect((signal.reason as Error).message).toBe('cancelled')
    expect(clock.pending).toBe(0)
  })

  it('is aborted from the start under an aborted parent', () => {
    const clock = new FakeClock(0)
    const { signal } = timeoutSignal(clock, 1_000, AbortSignal.abort())
    expect(signal.aborted).toBe(true)
    expect(clock.pending).toBe(0)
  })
})
