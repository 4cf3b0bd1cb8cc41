// The step summary and the outputs of a build-images run.
import type { BuildResult } from './build-images.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import { cell, clip } from '../../../lib/runner/index.js'

/** Bytes of dry-run commands in the summary; the log holds them all. */
const COMMANDS_LIMIT = 256 * 1024

/**
 * The outputs, named as action.yml declares them: after a failure, those of
 * every image pushed before it.
 */
export function buildOutputs(result: BuildResult): Record<string, OutputValue> {
  const [only] = result.images
  const one = result.planned === 1 && result.images.length === 1
  return {
    images: result.images.map((image) => ({
      name: image.name,
      tags: image.tags,
      digest: image.digest,
      ref: image.ref,
      platforms: image.platforms,
      signed: image.signed,
    })),
    tags: result.images.flatMap((image) => image.tags).join('\n'),
    digest: one && only ? only.digest : '',
    version: result.version ?? '',
    'short-sha': result.shortSha ?? '',
    'dry-run': result.dryRun,
  }
}

/** The step summary: one row per image, then warnings and dry-run commands. */
export function renderSummary(result: BuildResult): string {
  const out = [`## Build images${mode(result)}: ${headline(result)}`, '']
  if (result.failure !== undefined) out.push(`> ${cell(result.failure)}`, '')
  if (result.skipped !== undefined) out.push(`> ${cell(result.skipped)}`, '')
  if (result.images.length > 0) {
    if (result.failure !== undefined) {
      const done = result.push && !result.dryRun ? 'Pushed' : 'Built'
      out.push(`${done} before the failure:`, '')
    }
    out.push(
      '| image | tags | digest | platforms |',
      '| --- | --- | --- | --- |',
      ...result.images.map((image) => {
        const tags = image.tags
          .map((tag) => `\`${tag.slice(image.name.length + 1)}\``)
          .join(', ')
        const digest = image.digest ? `\`${image.digest}\`` : '—'
        return `| \`${image.name}\` | ${tags} | ${digest} | ${image.platforms.join(', ')} |`
      }),
    )
    const unsigned = unsignedImages(result)
    if (unsigned.length > 0) {
      out.push(
        '',
        '### Not signed',
        '',
        'Pushed, but not signed with cosign; sign each digest once the cause is fixed:',
        '',
        '```sh',
        ...unsigned.map((image) => `cosign sign --yes ${image.ref}`),
        '```',
      )
    } else if (result.images.some((image) => image.signed)) {
      out.push('', 'Each digest is signed with cosign (keyless), once.')
    }
  }
  if (result.warnings.length > 0) {
    out.push(
      '',
      '### Warnings',
      '',
      ...result.warnings.map((w) => `- ${cell(w)}`),
    )
  }
  if (result.commands.length > 0) {
    const commands = clip(result.commands.join('\n'), COMMANDS_LIMIT, 'the log')
    out.push('', '### Commands a run would run', '', '```sh', commands, '```')
  }
  return `${out.join('\n')}\n`
}

function mode(result: BuildResult): string {
  return result.dryRun ? ' (dry run)' : ''
}

/** The pushed images a signing run left unsigned. */
function unsignedImages(result: BuildResult): BuildResult['images'] {
  if (!result.sign || result.dryRun) return []
  return result.images.filter((image) => image.ref !== '' && !image.signed)
}

function headline(result: BuildResult): string {
  if (result.failure !== undefined) return 'failed'
  if (result.skipped !== undefined) return 'nothing to build'
  const count = result.images.length
  const images = `${count} image${count === 1 ? '' : 's'}`
  if (result.dryRun) {
    return result.push
      ? `would build and push ${images}`
      : `would build ${images}`
  }
  return result.push ? `pushed ${images}` : `built ${images} (not pushed)`
}
