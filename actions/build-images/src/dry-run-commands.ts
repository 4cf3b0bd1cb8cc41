// What a dry run prints: every command a real run would run, in order, the
// password never among them (it goes to docker login on stdin).
import type { ImagePlan } from './image-plan.js'
import { loginArgs, logoutArgs } from './registry-login.js'
import type { BuildSettings } from './settings.js'
import { formatCommand } from '../../../lib/command/index.js'

/** Stands for the digest in a dry run, where no build makes one. */
export const DIGEST_PLACEHOLDER = '<digest>'

/** Every command a real run would run, one a line, no secret among them. */
export function dryRunCommands(
  plans: readonly ImagePlan[],
  settings: BuildSettings,
): string[] {
  const login = settings.push ? settings.login : undefined
  const commands: string[] = []
  if (login !== undefined) {
    commands.push(formatCommand('docker', loginArgs(login)))
  }
  for (const plan of plans) {
    commands.push(formatCommand('docker', plan.buildx))
    if (!settings.push) continue
    const ref = `${plan.spec.name}@${DIGEST_PLACEHOLDER}`
    commands.push(
      formatCommand('docker', [
        'buildx',
        'imagetools',
        'inspect',
        ref,
        '--raw',
      ]),
    )
    if (settings.sign) {
      commands.push(formatCommand('cosign', ['sign', '--yes', ref]))
    }
  }
  if (login !== undefined) {
    commands.push(formatCommand('docker', logoutArgs(login.registry)))
  }
  return commands
}
