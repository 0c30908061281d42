import { describe, expect, it } from 'vitest'
import { ApiProblem } from '@/api/problem'
import { asksTotp, loginMessages } from '@/features/auth/loginErrors'

const problem = (status: number, detail: string, field?: string, errors?: { field: string; message: string }[]) =>
  new ApiProblem({ status, detail, field, errors })

describe('login page messages', () => {
  it('asks for the 动态口令 under its field when none was sent, and says so when it was wrong', () => {
    const asked = problem(401, '请输入动态口令', 'totp')
    expect(asksTotp(asked)).toBe(true)
    expect(loginMessages(asked)).toEqual({ username: '', password: '', totp: '请输入动态口令', form: '' })
    const wrong = problem(401, '动态口令错误', 'totp')
    expect(asksTotp(wrong)).toBe(true)
    expect(loginMessages(wrong)).toEqual({ username: '', password: '', totp: '动态口令错误', form: '' })
  })

  it('shows a refused password once, under the form, and never under the 动态口令', () => {
    const refused = problem(401, '用户名或密码错误', 'password')
    expect(asksTotp(refused)).toBe(false)
    expect(loginMessages(refused)).toEqual({ username: '', password: '', totp: '', form: '用户名或密码错误' })
    expect(loginMessages(problem(401, 'Unauthorized')).form).toBe('用户名或密码错误')
    expect(loginMessages(problem(423, '账号已锁定，请15分钟后再试')).form).toBe('账号已锁定，请15分钟后再试')
    expect(loginMessages(problem(404, 'Not Found')).form).toBe('登录服务暂不可用，请联系系统管理员')
  })

  it('puts validation under the inputs it names, and the rest under the form', () => {
    const invalid = problem(422, '输入有误', undefined, [{ field: 'username', message: '请输入用户名' }])
    expect(loginMessages(invalid)).toEqual({ username: '请输入用户名', password: '', totp: '', form: '' })
    expect(loginMessages(problem(422, '请求格式有误')).form).toBe('请求格式有误')
    expect(loginMessages(null)).toEqual({ username: '', password: '', totp: '', form: '' })
  })
})
