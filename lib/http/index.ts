// HTTP(S) requests with per-request TLS settings and typed failures.
export * from './request.js'
