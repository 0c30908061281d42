/**
 * A screen's read of the API: `loading` while it runs (true until the first read is done), and
 * its failure as one message to show above the list.
 */
import { ref } from 'vue'
import { errorMessage } from '@/api/problem'

export function useLoader(read: () => Promise<unknown>) {
  const loading = ref(true)
  const error = ref('')

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      await read()
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
  }

  return { loading, error, load }
}
