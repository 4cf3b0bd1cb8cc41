// Provider-specific rules: token formats a provider documents, most with a
// fixed prefix, so a match is a secret with high confidence. They are tried
// before the generic rule, which then leaves their matches alone.
import {
  databasePasswordReason,
  jwtReason,
  privateKeyBodyReason,
} from './checks.js'
import { placeholderReason } from './stop-words.js'
import type { SecretRule } from './types.js'

/** Builds a rule whose only check is the stop-word list. */
function rule(
  id: string,
  description: string,
  keywords: string[],
  pattern: RegExp,
  more: Partial<SecretRule> = {},
): SecretRule {
  return {
    id,
    description,
    keywords,
    pattern,
    severity: 9.0,
    reject: (secret) => placeholderReason(secret),
    ...more,
  }
}

// The case variants of a key word, for the case-sensitive prefilter.
function cased(word: string): string[] {
  const upper = word.toUpperCase()
  const title = word.charAt(0).toUpperCase() + word.slice(1)
  return [...new Set([word, title, upper])]
}

/** Every provider rule, in the order they are tried. */
export const PROVIDER_RULES: readonly SecretRule[] = [
  rule(
    'github-token',
    'GitHub token (personal, OAuth, app or refresh)',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,251})\b/g,
  ),
  rule(
    'github-fine-grained-token',
    'GitHub fine-grained personal access token',
    ['github_pat_'],
    /\b(?<secret>github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
  ),
  rule(
    'gitlab-token',
    'GitLab personal access token',
    ['glpat-'],
    /\b(?<secret>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'aws-access-key-id',
    'AWS access key ID',
    ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    /\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    { severity: 7.0 },
  ),
  rule(
    'aws-secret-access-key',
    'AWS secret access key',
    // The first letter is left out so `Secret…` and `secret…` both hit.
    [
      'ecret_access_key',
      'ECRET_ACCESS_KEY',
      'ecretAccessKey',
      'ecret-access-key',
    ],
    /secret[_-]?access[_-]?key["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
  ),
  rule(
    'gcp-api-key',
    'Google Cloud API key',
    ['AIza'],
    /\b(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g,
  ),
  rule(
    'google-oauth-client-secret',
    'Google OAuth client secret',
    ['GOCSPX-'],
    /\b(?<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'azure-storage-account-key',
    'Azure storage account key (connection string)',
    ['AccountKey='],
    /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/g,
  ),
  rule(
    'azure-shared-access-key',
    'Azure Service Bus or Event Hubs shared access key',
    ['SharedAccessKey='],
    /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)/g,
  ),
  rule(
    'azure-sas-token',
    'Azure shared access signature',
    ['sig='],
    /[?&]sv=\d{4}-\d{2}-\d{2}[^\s"'<>]{0,400}?[?&]sig=(?<secret>[A-Za-z0-9%+/]{40,120})/g,
    { severity: 8.0 },
  ),
  rule(
    'slack-token',
    'Slack token',
    ['xox'],
    /\b(?<secret>xox[abposre]-[0-9A-Za-z-]{10,250})/g,
  ),
  rule(
    'slack-webhook',
    'Slack incoming webhook URL',
    ['hooks.slack.com'],
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/_-]{20,120})/g,
    { severity: 7.0 },
  ),
  rule(
    'stripe-live-key',
    'Stripe live secret or restricted key',
    ['sk_live_', 'rk_live_'],
    /\b(?<secret>[rs]k_live_[0-9A-Za-z]{24,247})\b/g,
  ),
  rule(
    'npm-token',
    'npm access token',
    ['npm_'],
    /\b(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])/g,
  ),
  rule(
    'pypi-token',
    'PyPI upload token',
    ['pypi-AgEIcHlwaS5vcmc'],
    /\b(?<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300})/g,
  ),
  rule(
    'twilio-api-key',
    'Twilio API key',
    ['SK'],
    /\b(?<secret>SK[0-9a-fA-F]{32})\b/g,
    { severity: 7.0 },
  ),
  rule(
    'sendgrid-api-key',
    'SendGrid API key',
    ['SG.'],
    /\b(?<secret>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'heroku-api-key',
    'Heroku API key',
    cased('heroku'),
    /heroku[A-Za-z0-9_.-]{0,20}["']?\s*(?:[:=]|=>)\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi,
  ),
  rule(
    'openai-api-key',
    'OpenAI API key',
    ['T3BlbkFJ'],
    /\b(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'anthropic-api-key',
    'Anthropic API key',
    ['sk-ant-'],
    /\b(?<secret>sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,120})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'docker-hub-token',
    'Docker Hub personal access token',
    ['dckr_pat_'],
    /\b(?<secret>dckr_pat_[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/g,
  ),
  rule(
    'shopify-token',
    'Shopify access token or shared secret',
    ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    /\b(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b/g,
  ),
  rule(
    'private-key',
    'Private key (PEM or OpenSSH armour, also inside JSON such as a GCP service-account key)',
    ['PRIVATE KEY'],
    /-----BEGIN[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{0,16384}?)-----END[ A-Z0-9]{0,24}PRIVATE KEY(?: BLOCK)?-----/g,
    {
      multiline: true,
      reject: (body) => privateKeyBodyReason(body),
    },
  ),
  rule(
    'jwt',
    'JSON Web Token',
    ['eyJ'],
    /\b(?<secret>eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,1024})(?![A-Za-z0-9_-])/g,
    { severity: 6.0, reject: (token) => jwtReason(token) },
  ),
  rule(
    'database-url-password',
    'Database URL with a password',
    ['://'],
    /\b(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/(?<user>[^:@/\s"'<>]{1,128}):(?<secret>[^@/\s"'<>]{1,256})@[^\s"'<>/:]{1,253}/g,
    {
      severity: 8.0,
      reject: (password, match) =>
        databasePasswordReason(match.groups?.['user'] ?? '', password),
    },
  ),
]
