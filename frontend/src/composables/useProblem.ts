/** Form error state from an {@link ApiProblem}: a message per field, and one for the whole form. */
import { computed, ref } from 'vue'
import { ApiProblem, errorMessage } from '@/api/problem'

export function useProblem(formFields: readonly string[]) {
  const problem = ref<ApiProblem | null>(null)

  /** The message to show under `field`'s input ('' when none: el-form-item's `error` prop). */
  function fieldError(field: string): string {
    return problem.value?.messageFor(field) ?? ''
  }

  /** A message no input of this form owns (network down, 401, 500 …). */
  const formError = computed(() => {
    const p = problem.value
    return p && !p.blamesAnyOf(formFields) ? p.detail : ''
  })

  function capture(error: unknown): void {
    problem.value =
      error instanceof ApiProblem ? error : new ApiProblem({ status: 0, detail: errorMessage(error) })
  }

  function clear(): void {
    problem.value = null
  }

  return { problem, fieldError, formError, capture, clear }
}
