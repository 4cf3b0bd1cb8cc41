import type { CommandRunner } from '../../../lib/command/index.js'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/** What the build-images core talks to, passed in so tests can stand in. */
export interface BuildDeps {
  /** Runs docker and cosign. */
  readonly run: CommandRunner
  /** Reads tags and HEAD from the working directory. */
  readonly git: Pick<Git, 'run'>
  readonly logger: Logger
  /** The time the images are labelled as created at. */
  readonly now: () => Date
  /** The pause between push attempts. */
  readonly sleep: (ms: number) => Promise<void>
  /** A folder for buildx's metadata files, removed by the caller. */
  readonly tempDir: string
}
