// Back-off and deadlines for every stage that waits, on an injectable clock.
export * from './backoff.js'
export * from './clock.js'
export * from './fake-clock.js'
export * from './format.js'
export * from './outcome.js'
export * from './retry.js'
export {
  TimeoutError,
  timeoutSignal,
  type TimeoutSignal,
} from './timeout-signal.js'
export * from './wait-all.js'
