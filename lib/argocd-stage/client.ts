// The Argo CD client of a stage's entry, made from its connection inputs,
// with the one warning skipping TLS verification deserves.
import { ArgoCdClient } from '../argocd/index.js'
import type { Logger } from '../runner/index.js'
import type { ArgoCdConnection } from './inputs.js'

/** A client for `connection`, warning first when TLS is not checked. */
export function argoCdClientFor(
  connection: ArgoCdConnection,
  logger: Logger,
): ArgoCdClient {
  if (connection.tls.insecure === true) {
    logger.warning(
      "Argo CD's TLS certificate is not checked (insecure-skip-verify): anyone on the path can answer for it and read the token. Prefer ca-file.",
      'Insecure TLS',
    )
  }
  return new ArgoCdClient({
    server: connection.server,
    token: connection.token,
    tls: connection.tls,
  })
}
