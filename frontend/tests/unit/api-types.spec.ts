import { describe, expectTypeOf, it } from 'vitest'
import type { CurrentUser, TokenRead, UserRole } from '@/features/auth/api'
import type { DayNote, DeadlineRead, YearRead } from '@/features/calendar/api'

/** Checked by `npm run typecheck`: the types picked out of schema.d.ts are the real bodies, not never. */
describe('types derived from the OpenAPI document', () => {
  it('finds the calendar bodies', () => {
    expectTypeOf<DeadlineRead['due']>().toEqualTypeOf<string>()
    expectTypeOf<DeadlineRead['explanation']['steps']>().toEqualTypeOf<string[]>()
    expectTypeOf<YearRead['published']>().toEqualTypeOf<boolean>()
    expectTypeOf<DayNote['working']>().toEqualTypeOf<boolean>()
  })

  it('finds the sign-in bodies', () => {
    expectTypeOf<TokenRead['access_token']>().toEqualTypeOf<string>()
    expectTypeOf<TokenRead['expires_in']>().toEqualTypeOf<number>()
    expectTypeOf<CurrentUser['display_name']>().toEqualTypeOf<string>()
    expectTypeOf<CurrentUser['unit_name']>().toEqualTypeOf<string | null>()
    expectTypeOf<'office_admin'>().toExtend<UserRole>()
  })
})
