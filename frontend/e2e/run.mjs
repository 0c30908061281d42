#!/usr/bin/env node
/**
 * End-to-end checks of the portal in Debian's chromium against the real API (npm run test:e2e).
 *
 * Expects frontend/dist to be built already. Starts uvicorn on a free port with a fresh SQLite
 * database (migrated, with one office admin made by `banli create-admin`) and
 * BANLI_SPA_DIR=frontend/dist, drives the pages like a person, screenshots each screen
 * at 1280×800 and 375×812 into <repo>/test-output/e2e/, and always stops uvicorn and chromium.
 * Exits non-zero when any check fails; the last line is `N passed, M failed`.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startApi } from './lib/api-server.mjs'
import { launchBrowser } from './lib/browser.mjs'
import { prepareDatabase } from './lib/database.mjs'
import { Runner } from './lib/runner.mjs'
import { seedCounty } from './lib/seed.mjs'
import adminChecks from './admin.e2e.mjs'
import calendarChecks from './calendar.e2e.mjs'
import kpiChecks from './kpi.e2e.mjs'
import loginChecks from './login.e2e.mjs'
import officeChecks from './office.e2e.mjs'
import screensChecks from './screens.e2e.mjs'
import spaChecks from './spa.e2e.mjs'
import workflowChecks from './workflow.e2e.mjs'

const SUITES = {
  spa: spaChecks,
  calendar: calendarChecks,
  login: loginChecks,
  workflow: workflowChecks,
  kpi: kpiChecks,
  screens: screensChecks,
  office: officeChecks,
  admin: adminChecks,
}
/** `BANLI_E2E_ONLY=workflow,kpi` runs just those suites (spa always runs: it finds deep links). */
function chosenSuites() {
  const only = (process.env.BANLI_E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  if (!only.length) return Object.values(SUITES)
  return Object.entries(SUITES)
    .filter(([name]) => name === 'spa' || only.includes(name))
    .map(([, suite]) => suite)
}

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = resolve(frontend, '..')
const spaDir = join(frontend, 'dist')
const outDir = join(repoRoot, 'test-output', 'e2e')
/**
 * Where the API runs from (its `.venv`, `api/`, `migrations/`): this checkout, unless
 * BANLI_E2E_API_ROOT names another one (e.g. an export of the last commit while the backend is
 * being edited).
 */
const apiRoot = process.env.BANLI_E2E_API_ROOT ? resolve(process.env.BANLI_E2E_API_ROOT) : repoRoot
const WATCHDOG_MS = 8 * 60_000

let api = null
let browser = null
let runner = null

async function teardown() {
  await browser?.close()
  await api?.stop()
}

async function abort(reason) {
  console.log(`\n中止：${reason}`)
  await teardown()
  runner?.fail(`harness ${reason}`, new Error(reason))
  if (runner) runner.summary()
  else console.log('0 passed, 1 failed')
  process.exit(1)
}

process.on('SIGINT', () => void abort('SIGINT'))
process.on('SIGTERM', () => void abort('SIGTERM'))
setTimeout(() => void abort(`watchdog: over ${WATCHDOG_MS / 1000} s`), WATCHDOG_MS).unref()

async function main() {
  if (!existsSync(join(spaDir, 'index.html'))) {
    console.log('frontend/dist/index.html 不存在：请先运行 npm run build')
    console.log('0 passed, 1 failed')
    return false
  }
  execFileSync('bash', [join(frontend, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit' })

  runner = new Runner({ outDir, openPage: (viewport) => browser.openPage(viewport) })
  try {
    api = await startApi({
      repoRoot: apiRoot,
      spaDir,
      logFile: join(outDir, 'uvicorn.log'),
      prepare: (env) => prepareDatabase(apiRoot, env),
    })
    console.log(`API: ${api.baseUrl}  (SPA: ${spaDir})`)
    const openapi = await (await fetch(`${api.baseUrl}/api/v1/openapi.json`)).json()
    browser = await launchBrowser({ baseUrl: api.baseUrl })
    const state = {}
    if (api.prepared?.account) {
      try {
        state.county = await seedCounty(api.baseUrl, api.prepared.account)
      } catch (error) {
        state.seedError = `无法通过 API 建立测试数据：${error.message}`
        console.log(state.seedError)
      }
    }
    const ctx = { runner, baseUrl: api.baseUrl, openapi, outDir, database: api.prepared, state }
    for (const suite of chosenSuites()) {
      console.log(`\n${suite.title}`)
      await suite.run(ctx)
    }
  } catch (error) {
    runner.fail('harness setup', error)
  } finally {
    await teardown()
  }
  console.log(`\n截图：${outDir}`)
  return runner.summary()
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  async (error) => {
    console.error(error)
    await teardown()
    console.log('0 passed, 1 failed')
    process.exit(1)
  },
)
