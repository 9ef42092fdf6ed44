import { useCallback, useRef, useState, type ReactNode } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import type * as z from 'zod/mini'
import type { CadreRole, Me } from '@union/shared/me'
import { Blank } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import './admin-mall.scss'

/** The union whose subtree a list shows: chips when the cadre holds more than one role. */
export function ScopeChips({ roles, value, onChange, verb = '管理范围' }: { roles: CadreRole[]; value: string; onChange: (orgId: string) => void; verb?: string }) {
  if (roles.length <= 1) return <Text className='am-scope-single muted'>{verb}：{roles[0]?.orgName} 及下级工会</Text>
  return (
    <ScrollView scrollX className='am-scope'>
      {roles.map((r) => (
        <Text key={r.orgId} className={`am-chip ${r.orgId === value ? 'active' : ''}`} onClick={() => onChange(r.orgId)}>
          {r.orgName}
        </Text>
      ))}
    </ScrollView>
  )
}

/** Renders the page for cadres only (the pages are reachable by URL). */
export function CadreOnly({ me, what, children }: { me: Me; what: string; children: ReactNode }) {
  if (me.roles.length === 0) return <Blank title='仅限工会干部' description={`${what}只对工会干部开放。`} />
  return <>{children}</>
}

export interface ListState<T> {
  items: T[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
}

/** A cursor-paged admin list (`GET path?query&limit&cursor`), loading more at the bottom of the page. */
export function usePagedList<T extends { id: string }>(path: string, schema: z.ZodMiniType<{ items: T[]; nextCursor: string | null }>, query: Record<string, string | undefined>) {
  const [state, setState] = useState<ListState<T>>({ items: [], cursor: null, status: 'loading' })
  const seq = useRef(0)
  const key = JSON.stringify(query)

  const load = useCallback(async (cursor: string | null) => {
    const mine = ++seq.current
    setState((s) => ({ ...s, status: cursor ? 'more' : 'loading', error: undefined }))
    try {
      const page = await request(path, { query: { ...(JSON.parse(key) as Record<string, string | undefined>), limit: 20, cursor: cursor ?? undefined }, schema })
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
  }, [path, schema, key])

  useReachBottom(() => {
    if (state.cursor && state.status === 'ready') void load(state.cursor)
  })
  return { state, load }
}

/** 加载更多 / 没有更多了 under a list. */
export function ListFooter({ state, onMore }: { state: ListState<unknown>; onMore: () => void }) {
  return (
    <View className='am-list-foot'>
      {state.cursor ? (
        <Text className='am-more' onClick={onMore}>{state.status === 'more' ? '加载中…' : '加载更多'}</Text>
      ) : (
        <Text className='muted'>没有更多了</Text>
      )}
      {state.status === 'error' && state.items.length > 0 && <Text className='am-error-text'>{state.error}</Text>}
    </View>
  )
}
