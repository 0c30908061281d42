/**
 * 批量导入 (the office): upload a sheet (.xlsx or .csv) for a session; a dry run reports every
 * problem (row, column, reason) without saving; a real run saves all or nothing, in the background.
 */
import { api, authorizedFetch, type OkJson, unwrap } from '@/api/client'

export type ImportJob = OkJson<'/api/v1/imports/{job_id}', 'get'>
export type ImportStatus = ImportJob['status']

/** The report's shape (ImportJobRead.report is a free-form object in the OpenAPI document). */
export interface ImportProblem {
  row: number | null
  column: string | null
  reason: string
  candidates?: string[]
}
export interface ImportReport {
  filename?: string
  session_name?: string
  dry_run?: boolean
  ok: boolean
  committed: boolean
  error?: string
  summary?: {
    rows: number
    create: number
    change: number
    unchanged: number
    proposers_created: number
    problems: number
    warnings: number
  }
  problems?: ImportProblem[]
  warnings?: ImportProblem[]
  created?: { row: number; number: number; title: string }[]
  changed?: { row: number; number: number; item_id: number; changes: Record<string, unknown> }[]
  proposers_created?: { name: string; kind: string }[]
  unmatched_units?: Record<string, string[]>
  ignored_columns?: string[]
}

export const FINISHED: readonly ImportStatus[] = ['done', 'refused', 'failed', 'interrupted']

/** POST /imports (multipart): answers the job at once; the work runs in the background. */
export async function startImport(
  file: File,
  sessionId: number,
  dryRun: boolean,
  updateExisting: boolean,
): Promise<ImportJob> {
  const form = new FormData()
  form.append('file', file, file.name)
  form.append('session_id', String(sessionId))
  form.append('dry_run', String(dryRun))
  form.append('update_existing', String(updateExisting))
  const response = await authorizedFetch('/api/v1/imports', { method: 'POST', body: form })
  return (await response.json()) as ImportJob
}

export function fetchImport(id: number): Promise<ImportJob> {
  return unwrap(api.GET('/api/v1/imports/{job_id}', { params: { path: { job_id: id } } }))
}

export function fetchImports(limit = 10): Promise<ImportJob[]> {
  return unwrap(api.GET('/api/v1/imports', { params: { query: { limit } } }))
}

export function reportOf(job: ImportJob): ImportReport | null {
  return (job.report as ImportReport | null) ?? null
}

/**
 * Poll a job until it has finished, reporting each reading; `stop()` ends the polling (the page
 * was left). Resolves with the finished job, or null when stopped.
 */
export function followImport(
  job: ImportJob,
  onProgress: (job: ImportJob) => void,
  intervalMs = 400,
): { done: Promise<ImportJob | null>; stop: () => void } {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  const done = new Promise<ImportJob | null>((resolve, reject) => {
    const tick = async (current: ImportJob) => {
      if (stopped) return resolve(null)
      onProgress(current)
      if (FINISHED.includes(current.status)) return resolve(current)
      timer = setTimeout(() => {
        fetchImport(current.id).then(tick, reject)
      }, intervalMs)
    }
    void tick(job)
  })
  return {
    done,
    stop: () => {
      stopped = true
      if (timer) clearTimeout(timer)
    },
  }
}
