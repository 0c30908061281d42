/**
 * A reply being edited: the form, saved a moment after each change (PATCH with If-Match) so the
 * API's format check (R-RP-7) stays live, and saved at once before the leader signs.
 */
import { computed, nextTick, reactive, ref, shallowRef, watch } from 'vue'
import { ApiProblem } from '@/api/problem'
import { useProblem } from '@/composables/useProblem'
import { type Reply, type ReplyUpdate, signReply, updateReply } from './api'
import { EDITOR_FIELDS, sortProblems } from './formatProblems'

export type SaveState = 'saved' | 'dirty' | 'saving' | 'conflict' | 'failed'
export const AUTOSAVE_MS = 800

export function formOf(reply: Reply): Required<ReplyUpdate> {
  return {
    reply_class: reply.reply_class,
    disclosure: reply.disclosure,
    document_number: reply.document_number ?? '',
    body: reply.body,
    letter_date: reply.letter_date,
    signing_leader: reply.signing_leader ?? '',
    contact_person: reply.contact_person ?? '',
    contact_phone: reply.contact_phone ?? '',
  }
}

export function useReplyDraft(initial: Reply, onChange: (reply: Reply) => void) {
  const reply = shallowRef(initial)
  const form = reactive(formOf(initial))
  const state = ref<SaveState>('saved')
  const signing = ref(false)
  const problem = useProblem(EDITOR_FIELDS)
  let timer: ReturnType<typeof setTimeout> | null = null
  let inFlight: Promise<void> | null = null
  let applying = false

  const sorted = computed(() => sortProblems(reply.value.format_problems))

  function body(): ReplyUpdate {
    const trimmed = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null)
    return {
      reply_class: form.reply_class,
      disclosure: form.disclosure,
      document_number: trimmed(form.document_number),
      body: form.body ?? '',
      letter_date: form.letter_date || null,
      signing_leader: trimmed(form.signing_leader),
      contact_person: trimmed(form.contact_person),
      contact_phone: trimmed(form.contact_phone),
    }
  }

  async function save(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    if (inFlight) await inFlight
    if (state.value !== 'dirty' && state.value !== 'failed') return
    state.value = 'saving'
    inFlight = (async () => {
      try {
        const saved = await updateReply(reply.value.id, body(), reply.value.version)
        reply.value = saved
        problem.clear()
        // A change typed while saving keeps the form dirty for the next round.
        state.value = state.value === 'saving' ? 'saved' : state.value
        onChange(saved)
      } catch (e) {
        problem.capture(e)
        state.value = e instanceof ApiProblem && e.status === 412 ? 'conflict' : 'failed'
      } finally {
        inFlight = null
      }
    })()
    await inFlight
  }

  watch(form, () => {
    if (applying || state.value === 'conflict') return
    state.value = 'dirty'
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void save(), AUTOSAVE_MS)
  })

  /** 签发: save what is typed, then sign; format problems come back next to their inputs. */
  async function sign(): Promise<boolean> {
    await save()
    if (state.value !== 'saved') return false
    signing.value = true
    try {
      const signed = await signReply(reply.value.id, reply.value.version)
      reply.value = signed
      onChange(signed)
      return true
    } catch (e) {
      problem.capture(e)
      return false
    } finally {
      signing.value = false
    }
  }

  /** Start again from what the API holds (after a 412). */
  async function reset(latest: Reply): Promise<void> {
    if (timer) clearTimeout(timer)
    applying = true
    reply.value = latest
    Object.assign(form, formOf(latest))
    problem.clear()
    state.value = 'saved'
    await nextTick()
    applying = false
  }

  return { reply, form, state, signing, sorted, problem, save, sign, reset }
}
