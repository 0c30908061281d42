import { describe, expect, it } from 'vitest'
import { ApiProblem, errorMessage, networkProblem, toProblem } from '@/api/problem'

describe('toProblem', () => {
  it('reads a validation problem with a per-field errors list', () => {
    const p = toProblem(422, {
      type: 'https://banli.local/problems/422',
      title: '输入有误',
      status: 422,
      detail: 'start：日期格式应为 YYYY-MM-DD',
      field: 'start',
      errors: [{ field: 'start', message: '日期格式应为 YYYY-MM-DD' }],
    })
    expect(p).toBeInstanceOf(ApiProblem)
    expect(p.status).toBe(422)
    expect(p.title).toBe('输入有误')
    expect(p.messageFor('start')).toBe('日期格式应为 YYYY-MM-DD')
    expect(p.messageFor('period')).toBeUndefined()
  })

  it('puts the detail next to the field a rule blamed when there is no errors list', () => {
    const p = toProblem(422, {
      status: 422,
      title: '输入有误',
      detail: '期间“abc”无法识别',
      field: 'period',
      rule_id: 'R-DL-1',
    })
    expect(p.fieldErrors).toEqual({ period: '期间“abc”无法识别' })
    expect(p.ruleId).toBe('R-DL-1')
    expect(p.blamesAnyOf(['start', 'period'])).toBe(true)
  })

  it('joins several messages for the same field', () => {
    const p = toProblem(422, {
      status: 422,
      errors: [
        { field: 'title', message: '缺少必填项' },
        { field: 'title', message: '内容过短' },
        { field: 'bad' },
      ],
    })
    expect(p.messageFor('title')).toBe('缺少必填项；内容过短')
    expect(p.errors).toHaveLength(2)
  })

  it('keeps a form-level 401 that blames no field', () => {
    const p = toProblem(401, { status: 401, title: '未登录或登录已失效', detail: '用户名或密码错误' })
    expect(p.detail).toBe('用户名或密码错误')
    expect(p.blamesAnyOf(['username', 'password'])).toBe(false)
    expect(p.message).toBe('用户名或密码错误')
  })

  it('falls back to a Chinese title for bodies that are not problem+json', () => {
    expect(toProblem(502, '<html>Bad Gateway</html>').detail).toBe('服务暂不可用')
    expect(toProblem(500, undefined).detail).toBe('服务器内部错误')
    expect(toProblem(418, undefined).detail).toBe('请求失败')
    expect(toProblem(400, 'plain words').detail).toBe('plain words')
  })

  it('reads a bare FastAPI {detail} body and ignores a non-string detail', () => {
    expect(toProblem(404, { detail: 'Not Found' }).detail).toBe('Not Found')
    const p = toProblem(422, { detail: [{ loc: ['query', 'x'] }] })
    expect(p.detail).toBe('输入有误')
    expect(p.status).toBe(422)
  })
})

describe('errorMessage', () => {
  it('reads problems, errors and anything else', () => {
    expect(errorMessage(networkProblem())).toBe('无法连接服务器，请检查网络后重试')
    expect(networkProblem().status).toBe(0)
    expect(errorMessage(new Error('坏了'))).toBe('坏了')
    expect(errorMessage(42)).toBe('操作失败，请稍后重试')
  })
})

describe('nested fields', () => {
  it('shows a message about `proposers.0.proposer_id` under `proposers`', () => {
    const p = toProblem(422, {
      status: 422,
      errors: [
        { field: 'proposers.0.proposer_id', message: '应为整数' },
        { field: 'proposers.1.is_lead', message: '应为 true 或 false' },
      ],
    })
    expect(p.messageFor('proposers')).toBe('应为整数；应为 true 或 false')
    expect(p.messageFor('proposer')).toBeUndefined()
    expect(p.blamesAnyOf(['title', 'proposers'])).toBe(true)
  })
})
