#!/usr/bin/env node
/**
 * The main bundle's gzipped size: every script, modulepreload and stylesheet that dist/index.html
 * loads before the first screen (lazy route chunks are listed apart). Fails above the target.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const TARGET_KB = 500
const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist')

function gzipKb(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024
}

let html
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8')
} catch {
  console.error('dist/index.html 不存在：请先运行 npm run build')
  process.exit(2)
}

const entry = new Set(['index.html'])
for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) entry.add(m[1])

const kb = (n) => `${n.toFixed(1).padStart(8)} KB`
let main = 0
console.log('首屏加载（main bundle, gzip）:')
for (const file of entry) {
  const size = gzipKb(join(dist, file))
  main += size
  console.log(`${kb(size)}  ${file}`)
}

let lazy = 0
const lazyFiles = readdirSync(join(dist, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => /\.(js|css)$/.test(f) && !entry.has(f))
  .map((f) => ({ f, size: gzipKb(join(dist, f)), raw: statSync(join(dist, f)).size }))
  .sort((a, b) => b.size - a.size)
console.log('按需加载（lazy chunks, gzip）:')
for (const { f, size } of lazyFiles) {
  lazy += size
  console.log(`${kb(size)}  ${f}`)
}

console.log(`lazy chunks total (gzip): ${lazy.toFixed(1)} KB`)
console.log(`main bundle (gzip): ${main.toFixed(1)} KB (target < ${TARGET_KB} KB)`)
if (main >= TARGET_KB) {
  console.error(`main bundle exceeds ${TARGET_KB} KB gzipped`)
  process.exit(1)
}
