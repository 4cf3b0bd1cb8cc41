// HTTP(S) requests with per-request TLS settings and typed failures.
export * from './request.js'
export * from './tls-inputs.js'
