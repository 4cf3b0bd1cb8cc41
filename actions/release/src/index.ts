import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
core.info('hello ' + typeof getOctokit)
