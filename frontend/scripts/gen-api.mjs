#!/usr/bin/env node
/**
 * Generate src/api/schema.d.ts from the backend's OpenAPI document.
 *
 *   node scripts/gen-api.mjs            → writes src/api/schema.d.ts
 *   node scripts/gen-api.mjs --out FILE → writes FILE instead (the staleness test uses this)
 *
 * The document comes straight from the app factory (no server needed), run from the repo root
 * with the project's virtualenv.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = resolve(frontendDir, '..')
const python = join(repoRoot, '.venv', 'bin', 'python')
const DUMP =
  'import json,sys; from api.main import create_app; ' +
  'json.dump(create_app().openapi(), sys.stdout, ensure_ascii=False)'

export function dumpOpenApi() {
  return execFileSync(python, ['-c', DUMP], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
}

export function generateSchema(outFile) {
  const work = mkdtempSync(join(tmpdir(), 'banli-openapi-'))
  try {
    const spec = join(work, 'openapi.json')
    writeFileSync(spec, dumpOpenApi())
    const cli = join(frontendDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js')
    execFileSync(process.execPath, [cli, spec, '--output', outFile], {
      cwd: frontendDir,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out')
  const out = i > 0 ? resolve(process.argv[i + 1]) : join(frontendDir, 'src', 'api', 'schema.d.ts')
  generateSchema(out)
  console.log(`已生成 ${out}`)
}
