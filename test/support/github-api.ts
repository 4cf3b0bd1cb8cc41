// A loopback stand-in for the GitHub REST API, for unit and end-to-end tests
// of the stages: `startGitHubApi()` and the types around it. The parts live
// in ./github-api/, one concern a file.
export {
  startGitHubApi,
  type GitHubApi,
  type GitHubApiOptions,
  type RecordedRequest,
} from './github-api/server.js'
export { FaultQueue, type Fault, type FaultMatch } from './github-api/faults.js'
export { githubAssetName } from './github-api/routes-releases.js'
export {
  ApiState,
  RepoState,
  type Asset,
  type Comment,
  type Issue,
  type Label,
  type PullDetails,
  type PullFile,
  type PullSeed,
  type Release,
  type TagObject,
  type Viewer,
} from './github-api/state.js'
