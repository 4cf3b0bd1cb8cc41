// The secret-scan rules as plain patterns for the floor: ripgrep and GNU
// grep -E are given these, one a line. They follow the provider rules of
// actions/secret-scan/src/rules/provider-rules.ts and the generic rule's
// key words, in the subset both tools read: groups, classes and counts,
// no look-around, no lazy counts, no named groups. Matching is all the
// floor does: none of the rules' checks (stop-words, entropy, key bodies,
// JWT headers) runs.
export const SECRET_PATTERNS = [
  '\\bgh[pousr]_[A-Za-z0-9]{36,251}',
  '\\bgithub_pat_[A-Za-z0-9_]{82}',
  '\\bglpat-[A-Za-z0-9_-]{20,64}',
  '\\b(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\\b',
  '[Ss]ecret[_-]?[Aa]ccess[_-]?[Kk]ey["\']?[ \\t]*(:|=|=>)[ \\t]*["\']?[A-Za-z0-9/+]{40}',
  '\\bAIza[0-9A-Za-z_-]{35}',
  '\\bGOCSPX-[A-Za-z0-9_-]{28}',
  'AccountKey=[A-Za-z0-9+/]{86}==',
  'SharedAccessKey=[A-Za-z0-9+/]{43}=',
  '[?&]sig=[A-Za-z0-9%+/]{40,120}',
  '\\bxox[abposre]-[0-9A-Za-z-]{10,250}',
  'https://hooks\\.slack\\.com/(services|workflows|triggers)/[A-Za-z0-9+/_-]{20,120}',
  '\\b[rs]k_live_[0-9A-Za-z]{24,247}\\b',
  '\\bnpm_[A-Za-z0-9]{36}',
  '\\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}',
  '\\bSK[0-9a-fA-F]{32}\\b',
  '\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  '[Hh][Ee][Rr][Oo][Kk][Uu][A-Za-z0-9_.-]{0,20}["\']?[ \\t]*(:|=|=>)[ \\t]*["\']?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
  '\\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100}',
  '\\bsk-ant-(api03|admin01)-[A-Za-z0-9_-]{80,120}',
  '\\bdckr_pat_[A-Za-z0-9_-]{27}',
  '\\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\\b',
  '-----BEGIN[ A-Z0-9]{0,24}PRIVATE KEY',
  '\\beyJ[A-Za-z0-9_-]{8,4096}\\.eyJ[A-Za-z0-9_-]{8,8192}\\.[A-Za-z0-9_-]{16,1024}',
  '\\b(postgres|postgresql|mysql|mariadb|mongodb|mongodb\\+srv|redis|rediss|amqp|amqps|mssql|sqlserver)://[^:@/ \\t"\'<>]{1,128}:[^@/ \\t"\'<>]{1,256}@',
  '([Pp]ass|PASS|[Pp]wd|PWD|[Ss]ecret|SECRET|[Tt]oken|TOKEN|[Kk]ey|KEY|[Cc]redential|CREDENTIAL|[Aa]uth|AUTH)[A-Za-z0-9_.-]{0,40}["\']?[ \\t]*(:=|=>|=|:)[ \\t]*["\'`]?[^ \\t"\'`,;(){}]{8,}',
]
