// A clock for tests: time moves only when the test says so, sleeps resolve
// when time reaches them, and every sleep is recorded, so a back-off
// schedule can be asserted to the millisecond without waiting for it.
import { abortReason, type Clock } from './clock.js'
import { isTimeoutTimer } from './timeout-signal.js'

/** One sleep the code under test asked for. */
export interface SleepRecord {
  /** The clock's time when the sleep began. */
  at: number
  ms: number
  state: 'pending' | 'done' | 'aborted'
  /** A per-attempt timeout's timer, not a back-off wait. */
  timeout: boolean
}

interface Timer {
  due: number
  seq: number
  record: SleepRecord
  resolve: () => void
  reject: (error: Error) => void
  signal?: AbortSignal
  onAbort?: () => void
}

/** Options of `FakeClock.run`. */
export interface RunOptions {
  /**
   * Real milliseconds to let an attempt in flight (real I/O, say HTTP to a
   * stand-in) finish before its timeout is allowed to fire (default 1000).
   */
  ioGraceMs?: number
}

// One macrotask turn: every promise reaction queued so far has run.
const turn = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve))
const realPause = (ms: number): Promise<void> =>
  new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A Clock whose time is moved by the test. */
export class FakeClock implements Clock {
  private time: number
  private seq = 0
  private readonly timers: Timer[] = []
  private readonly records: SleepRecord[] = []

  /** Starts at `start` ms since the epoch (2025-01-01T00:00:00Z by default). */
  constructor(start = Date.UTC(2025, 0, 1)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const record: SleepRecord = {
      at: this.time,
      ms,
      state: 'pending',
      timeout: isTimeoutTimer(signal),
    }
    this.records.push(record)
    this.seq += 1
    if (signal?.aborted) {
      record.state = 'aborted'
      return Promise.reject(abortReason(signal))
    }
    if (ms <= 0) {
      record.state = 'done'
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const timer: Timer = {
        due: this.time + ms,
        seq: this.seq,
        record,
        resolve,
        reject,
        signal,
      }
      if (signal) {
        timer.onAbort = () => {
          this.remove(timer)
          record.state = 'aborted'
          this.seq += 1
          reject(abortReason(signal))
        }
        signal.addEventListener('abort', timer.onAbort, { once: true })
      }
      this.timers.push(timer)
    })
  }

  /** Every sleep asked for so far, in order, attempt timeouts included. */
  get sleeps(): readonly SleepRecord[] {
    return this.records
  }

  /** The back-off waits that ran to their end, in the order asked for. */
  get slept(): number[] {
    return this.records
      .filter((r) => r.state === 'done' && !r.timeout)
      .map((r) => r.ms)
  }

  /** How many sleeps are waiting for time to move. */
  get pending(): number {
    return this.timers.length
  }

  /** Moves time on by `ms`, waking each sleep due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms
    await turn()
    for (;;) {
      const next = this.earliest()
      if (!next || next.due > target) break
      this.fire(next)
      await turn()
    }
    this.time = target
    await turn()
  }

  /** Moves time to the next sleep's end and wakes it; false if none waits. */
  async next(): Promise<boolean> {
    await turn()
    const next = this.earliest()
    if (!next) return false
    this.fire(next)
    await turn()
    return true
  }

  /**
   * Drives `promise` to its end: lets the code run, and whenever it waits
   * only on this clock, moves time to the next sleep's end. While a
   * per-attempt timeout is pending an attempt is in flight, so real time
   * is given to it first (`ioGraceMs`) before the timeout may fire.
   */
  async run<T>(promise: Promise<T>, options: RunOptions = {}): Promise<T> {
    const graceMs = options.ioGraceMs ?? 1_000
    let settled = false
    promise.then(
      () => (settled = true),
      () => (settled = true),
    )
    let seen = -1
    let quietSince = performance.now()
    await turn()
    while (!settled) {
      if (this.seq !== seen) {
        seen = this.seq
        quietSince = performance.now()
      }
      const inFlight = this.timers.some((t) => t.record.timeout)
      const quietFor = performance.now() - quietSince
      if (this.timers.length > 0 && (!inFlight || quietFor >= graceMs)) {
        await this.next()
      } else {
        await realPause(inFlight ? 2 : 1)
      }
    }
    return promise
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined
    for (const t of this.timers) {
      if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq))
        best = t
    }
    return best
  }

  private fire(timer: Timer): void {
    this.remove(timer)
    this.time = Math.max(this.time, timer.due)
    timer.record.state = 'done'
    this.seq += 1
    if (timer.signal && timer.onAbort) {
      timer.signal.removeEventListener('abort', timer.onAbort)
    }
    timer.resolve()
  }

  private remove(timer: Timer): void {
    const i = this.timers.indexOf(timer)
    if (i >= 0) this.timers.splice(i, 1)
  }
}
