// The sample service: answers /health and /ready.
export function health() {
  return { status: 'ok' }
}
