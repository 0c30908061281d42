/**
 * 用户与 API 密钥 (三员分立): the system administrator (office_admin) makes accounts and keys and
 * resets passwords; the security administrator sets roles and secret clearances (PUT …/grant).
 */
import { api, type BodyJson, ifMatch, type OkJson, unwrap } from '@/api/client'

export type User = OkJson<'/api/v1/users', 'get'>[number]
export type UserCreate = BodyJson<'/api/v1/users', 'post'>
export type UserUpdate = BodyJson<'/api/v1/users/{user_id}', 'patch'>
export type UserGrant = BodyJson<'/api/v1/users/{user_id}/grant', 'put'>
export type ApiKey = OkJson<'/api/v1/api-keys', 'get'>[number]
export type ApiKeyCreate = BodyJson<'/api/v1/api-keys', 'post'>
export type ApiKeyCreated = OkJson<'/api/v1/api-keys', 'post'>

const userPath = (id: number) => ({ params: { path: { user_id: id } } })

export function fetchUsers(): Promise<User[]> {
  return unwrap(api.GET('/api/v1/users'))
}

export function createUser(body: UserCreate): Promise<User> {
  return unwrap(api.POST('/api/v1/users', { body }))
}

/** Display name, unit, active, or a reset password (which must be changed at next sign-in). */
export function updateUser(id: number, body: UserUpdate, version?: number): Promise<User> {
  return unwrap(api.PATCH('/api/v1/users/{user_id}', { ...userPath(id), body, headers: ifMatch(version) }))
}

/** The security administrator's role and clearance for an account (never his own). */
export function grantUser(id: number, body: UserGrant): Promise<User> {
  return unwrap(api.PUT('/api/v1/users/{user_id}/grant', { ...userPath(id), body }))
}

export function fetchApiKeys(): Promise<ApiKey[]> {
  return unwrap(api.GET('/api/v1/api-keys'))
}

/** A key for another system; `key` in the answer is shown once and stored only as a hash. */
export function createApiKey(body: ApiKeyCreate): Promise<ApiKeyCreated> {
  return unwrap(api.POST('/api/v1/api-keys', { body }))
}

export async function revokeApiKey(id: number): Promise<void> {
  await unwrap(api.DELETE('/api/v1/api-keys/{key_id}', { params: { path: { key_id: id } } }))
}
