/**
 * A form's save: `saving` while it runs, and the API's refusal kept as an ApiProblem, shown by
 * the field it blames or under the form ({@link useProblem}).
 */
import { ref } from 'vue'
import { useProblem } from './useProblem'

export function useSubmit(formFields: readonly string[]) {
  const state = useProblem(formFields)
  const saving = ref(false)

  /** Run `action`; its answer, or undefined when it was refused (the problem is kept). */
  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    state.clear()
    saving.value = true
    try {
      return await action()
    } catch (e) {
      state.capture(e)
      return undefined
    } finally {
      saving.value = false
    }
  }

  return { ...state, saving, submit }
}
