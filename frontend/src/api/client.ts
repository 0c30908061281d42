/**
 * The one way the SPA talks to the API: adds the bearer token, and turns every non-2xx answer
 * into an {@link ApiProblem} (RFC 9457 problem+json).
 *
 * `api` is typed from the OpenAPI document (`schema.d.ts`, `npm run gen:api`); wrap its calls in
 * `unwrap()` to get the data or an ApiProblem.
 */
import createClient, { type Middleware } from 'openapi-fetch'
import { ApiProblem, networkProblem, toProblem } from './problem'
import type { paths } from './schema'

export const API_PREFIX = '/api/v1'

type SuccessStatus = 200 | 201
/**
 * The JSON body an operation answers with on success, e.g. `OkJson<'/api/v1/auth/me', 'get'>`.
 * Named by path rather than by schema name, which FastAPI changes when two modules share one.
 */
export type OkJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R
}
  ? {
      [S in SuccessStatus & keyof R]: R[S] extends { content: { 'application/json': infer T } }
        ? T
        : never
    }[SuccessStatus & keyof R]
  : never

/**
 * The JSON request body of an operation, e.g. `BodyJson<'/api/v1/items', 'post'>`.
 */
export type BodyJson<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } }
}
  ? B
  : never

/** `If-Match` for a write that must not overwrite someone else's change (412 when stale). */
export function ifMatch(version: number | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `"${version}"` }
}

/** A step the API makes a signed-in user take before anything else (等保). */
export type OwedStep = 'password' | 'totp'

interface ClientHooks {
  /** The current access token, or null when signed out. */
  token: () => string | null
  /** Called on any 401 so the auth store can drop a token the API no longer accepts. */
  onUnauthorized: () => void
  /**
   * Called when the API refuses a call because a step is owed first (403 with `field`
   * `password` or `totp`: the password expired or was reset, or an authenticator is to be bound),
   * e.g. when a password expires while the portal is open.
   */
  onPending: (step: OwedStep) => void
}

const hooks: ClientHooks = { token: () => null, onUnauthorized: () => {}, onPending: () => {} }

/** The step a refusal says is owed, or null. */
export function owedStep(problem: ApiProblem): OwedStep | null {
  return problem.status === 403 && (problem.field === 'password' || problem.field === 'totp') ? problem.field : null
}

export function configureClient(next: Partial<ClientHooks>): void {
  Object.assign(hooks, next)
}

function withAuth(headers: Headers): Headers {
  const token = hooks.token()
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`)
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json')
  return headers
}

const authMiddleware: Middleware = {
  onRequest({ request }) {
    withAuth(request.headers)
    return request
  },
}

export const api = createClient<paths>({
  baseUrl: '',
  fetch: (request: Request) => globalThis.fetch(request),
})
api.use(authMiddleware)

function fail(status: number, body: unknown): never {
  const problem = toProblem(status, body)
  if (problem.status === 401) hooks.onUnauthorized()
  const owed = owedStep(problem)
  if (owed) hooks.onPending(owed)
  throw problem
}

/** Await an `api.GET(...)`-style call and return its data, or throw an {@link ApiProblem}. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response }
  try {
    result = await call
  } catch (e) {
    if (e instanceof ApiProblem) throw e
    throw networkProblem()
  }
  if (!result.response.ok || result.error !== undefined) fail(result.response.status, result.error)
  return result.data as T
}

/**
 * A raw authorised fetch for what openapi-fetch does not cover well (file downloads, multipart
 * uploads): same bearer token, same ApiProblem on failure.
 */
export async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response
  try {
    response = await globalThis.fetch(url, { ...init, headers: withAuth(new Headers(init.headers)) })
  } catch {
    throw networkProblem()
  }
  if (!response.ok) {
    const text = await response.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    fail(response.status, body)
  }
  return response
}
