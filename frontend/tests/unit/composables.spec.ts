import { describe, expect, it } from 'vitest'
import { ApiProblem } from '@/api/problem'
import { useLoader } from '@/composables/useLoader'
import { useSubmit } from '@/composables/useSubmit'

describe('useLoader', () => {
  it('is loading until the read is done, and keeps its failure as a message', async () => {
    let fail = true
    const { loading, error, load } = useLoader(async () => {
      if (fail) throw new ApiProblem({ status: 503, detail: '服务暂不可用' })
    })
    expect(loading.value).toBe(true)
    await load()
    expect([loading.value, error.value]).toEqual([false, '服务暂不可用'])
    fail = false
    const again = load()
    expect([loading.value, error.value]).toEqual([true, ''])
    await again
    expect([loading.value, error.value]).toEqual([false, ''])
  })
})

describe('useSubmit', () => {
  it('answers what the action answered, or undefined with the refusal by field', async () => {
    const { saving, submit, fieldError, formError, problem } = useSubmit(['name'])
    const pending = submit(async () => 'ok')
    expect(saving.value).toBe(true)
    expect(await pending).toBe('ok')
    expect(saving.value).toBe(false)
    expect(
      await submit(async () => {
        throw new ApiProblem({ status: 422, detail: '名称不能为空', field: 'name' })
      }),
    ).toBeUndefined()
    expect([fieldError('name'), formError.value, saving.value]).toEqual(['名称不能为空', '', false])
    await submit(async () => {
      throw new ApiProblem({ status: 500, detail: '服务器内部错误' })
    })
    expect([fieldError('name'), formError.value]).toEqual(['', '服务器内部错误'])
    await submit(async () => 1)
    expect(problem.value).toBeNull()
  })
})
