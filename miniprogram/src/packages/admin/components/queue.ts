import { useCallback, useRef, useState } from 'react'
import { useReachBottom } from '@tarojs/taro'
import type * as z from 'zod/mini'
import type { RequestStatus } from '@union/shared/membership'
import { messageOf, request } from '@/services/api'

export interface QueueState<T> {
  items: T[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
}

/** One review queue (`GET /v1/admin/...?status&orgId`), paged by cursor, loading more at the bottom. */
export function useQueue<T extends { id: string }>(path: string, schema: z.ZodMiniType<{ items: T[]; nextCursor: string | null }>, status: RequestStatus, orgId?: string) {
  const [state, setState] = useState<QueueState<T>>({ items: [], cursor: null, status: 'loading' })
  const seq = useRef(0)

  const load = useCallback(async (cursor: string | null) => {
    const mine = ++seq.current
    setState((s) => ({ ...s, status: cursor ? 'more' : 'loading', items: cursor ? s.items : s.items, error: undefined }))
    try {
      const page = await request(path, { query: { status, orgId, limit: 20, cursor: cursor ?? undefined }, schema })
      if (mine !== seq.current) return
      setState((s) => ({
        items: cursor ? [...s.items, ...page.items.filter((i) => !s.items.some((x) => x.id === i.id))] : page.items,
        cursor: page.nextCursor,
        status: 'ready',
      }))
    } catch (e) {
      if (mine !== seq.current) return
      setState((s) => ({ ...s, status: 'error', error: messageOf(e) }))
    }
  }, [path, schema, status, orgId])

  useReachBottom(() => {
    if (state.cursor && state.status === 'ready') void load(state.cursor)
  })

  const remove = (id: string) => setState((s) => ({ ...s, items: s.items.filter((i) => i.id !== id) }))
  return { state, load, remove }
}
