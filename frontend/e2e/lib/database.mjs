/**
 * The fresh database made ready the way an operator would: `banli migrate`, then
 * `banli create-admin` for the account the login checks sign in with, and (三员分立) the
 * security and audit administrators, which only the command line can make.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'

function cli(repoRoot, env, args) {
  return execFileSync(join(repoRoot, '.venv', 'bin', 'python'), ['-m', 'api.cli', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  })
}

function createAdmin(repoRoot, env, username, displayName, role) {
  const account = { username, password: `e2e-${randomBytes(12).toString('hex')}`, displayName, role }
  cli(repoRoot, env, [
    'create-admin',
    ...['--username', username, '--display-name', displayName],
    ...['--password', account.password, '--role', role],
  ])
  return account
}

/**
 * Returns the e2e account (and `admins.security` / `admins.audit` when the CLI can make them), or
 * null with the reason when the CLI cannot make one.
 */
export function prepareDatabase(repoRoot, env) {
  let help
  try {
    help = cli(repoRoot, env, ['--help'])
  } catch {
    return { account: null, reason: 'api.cli 不可用，未建库' }
  }
  if (help.includes('migrate')) cli(repoRoot, env, ['migrate'])
  if (!help.includes('create-admin')) return { account: null, reason: 'api.cli 无 create-admin 命令' }
  const account = {
    username: 'e2e-admin',
    password: `e2e-${randomBytes(12).toString('hex')}`,
    displayName: '测试管理员',
  }
  cli(repoRoot, env, [
    'create-admin',
    '--username',
    account.username,
    '--display-name',
    account.displayName,
    '--password',
    account.password,
  ])
  const admins = {}
  if (cli(repoRoot, env, ['create-admin', '--help']).includes('security_admin')) {
    admins.security = createAdmin(repoRoot, env, 'e2e-security', '安全管理员老周', 'security_admin')
    admins.audit = createAdmin(repoRoot, env, 'e2e-audit', '审计管理员小孙', 'audit_admin')
  }
  return { account, admins, reason: null }
}
