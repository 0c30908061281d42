/** The real API under uvicorn, on a free loopback port with a fresh SQLite database. */
import { spawn } from 'node:child_process'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Start `uvicorn api.main:app` from the repo root; `prepare(env)` runs first, against the fresh
 * database (migrations, the e2e account). Returns {baseUrl, env, stop}; `stop()` is safe to
 * call twice and also runs on process exit.
 */
export async function startApi({ repoRoot, spaDir, logFile, prepare, timeoutMs = 60_000 }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'banli-e2e-db-'))
  const port = await freePort()
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${join(dataDir, 'banli.sqlite3')}`,
    BANLI_SPA_DIR: spaDir,
    PYTHONUNBUFFERED: '1',
  }
  let prepared
  try {
    prepared = prepare ? await prepare(env) : undefined
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const log = createWriteStream(logFile)
  const child = spawn(
    join(repoRoot, '.venv', 'bin', 'uvicorn'),
    ['api.main:app', '--host', '127.0.0.1', '--port', String(port), '--no-access-log'],
    { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  let exited = false
  child.on('exit', () => {
    exited = true
  })

  let stopped = false
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal)
    } catch {
      /* already gone */
    }
  }
  const onExit = () => killGroup('SIGKILL')
  process.on('exit', onExit)

  async function stop() {
    if (stopped) return
    stopped = true
    process.off('exit', onExit)
    if (!exited) {
      killGroup('SIGTERM')
      for (let i = 0; i < 50 && !exited; i++) await sleep(100)
      if (!exited) killGroup('SIGKILL')
    }
    log.end()
    rmSync(dataDir, { recursive: true, force: true })
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) break
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`)
      if (res.ok) return { baseUrl, env, prepared, stop }
    } catch {
      /* not listening yet */
    }
    await sleep(250)
  }
  await stop()
  let tail = ''
  try {
    tail = readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')
  } catch {
    /* no log */
  }
  throw new Error(`API did not answer GET /api/v1/health (${exited ? 'uvicorn exited' : 'timeout'})\n${tail}`)
}
