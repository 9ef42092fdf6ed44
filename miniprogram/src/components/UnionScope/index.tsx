import { useCallback, useEffect, useRef, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { ArrowDown, ArrowRight, Checked } from '@nutui/icons-react-taro'
import type { CadreRole } from '@union/shared/me'
import { ORG_LEVEL_NAMES, OrgPage, type Org } from '@union/shared/orgs'
import { messageOf, request } from '@/services/api'
import './index.scss'

/** The union a cadre looks at: one they hold a role for, or any union below it. */
export interface Scope {
  id: string
  name: string
}

/** The scope a page starts with: `?orgId=&orgName=` when it is in the cadre's roles' reach, else the first role. */
export function initialScope(roles: CadreRole[], params: Record<string, string | undefined>): Scope {
  const id = params.orgId
  if (id && /^[a-z0-9-]{1,64}$/.test(id)) return { id, name: safeDecode(params.orgName) || id }
  return { id: roles[0]?.orgId ?? '', name: roles[0]?.orgName ?? '' }
}

/** Query string carrying a scope to another page. */
export const scopeQuery = (s: Scope) => `orgId=${encodeURIComponent(s.id)}&orgName=${encodeURIComponent(s.name)}`

function safeDecode(v: string | undefined): string {
  if (!v) return ''
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

interface Props {
  roles: CadreRole[]
  value: Scope
  onChange: (scope: Scope) => void
  /** Words before the union's name, e.g. 统计范围. */
  label?: string
  /** One line at the top of the sheet. */
  hint?: string
  className?: string
}

type Crumb = Scope
interface ListState {
  items: Org[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
}

/**
 * Shows the union in scope and opens a sheet to change it: the unions the cadre holds a role for,
 * and — browsing level by level (`GET /v1/orgs/{id}/children`) — any union below them.
 */
export default function UnionScope({ roles, value, onChange, label = '管理范围', hint = '可选择你管理的工会，或点“下级”选择其下任一工会。', className = '' }: Props) {
  const [open, setOpen] = useState(false)
  const [trail, setTrail] = useState<Crumb[]>([])
  const [list, setList] = useState<ListState>({ items: [], cursor: null, status: 'ready' })
  const seq = useRef(0)
  const here = trail[trail.length - 1]

  const load = useCallback(async (cursor: string | null) => {
    if (!here) return
    const mine = ++seq.current
    setList((l) => ({ ...l, status: cursor ? 'more' : 'loading', items: cursor ? l.items : [] }))
    try {
      const page = await request(`/v1/orgs/${here.id}/children`, { query: { limit: 50, cursor: cursor ?? undefined }, schema: OrgPage })
      if (mine !== seq.current) return
      setList((l) => ({ items: cursor ? [...l.items, ...page.items] : page.items, cursor: page.nextCursor, status: 'ready' }))
    } catch (e) {
      if (mine !== seq.current) return
      setList((l) => ({ ...l, status: 'error', error: messageOf(e) }))
    }
  }, [here])

  useEffect(() => {
    if (open && here) void load(null)
  }, [open, here, load])

  const choose = (s: Scope) => {
    setOpen(false)
    if (s.id !== value.id) onChange(s)
  }
  const show = () => {
    setTrail([])
    setOpen(true)
  }

  const option = (s: Scope, level: string | undefined, canBrowse: boolean) => (
    <View key={s.id} className={`union-option ${s.id === value.id ? 'selected' : ''}`}>
      <View className='union-option-main' onClick={() => choose(s)}>
        <Text className='union-option-name'>{s.name}</Text>
        {level && <Text className='union-option-level'>{level}</Text>}
      </View>
      {s.id === value.id && <Checked size={16} color='#d9001b' />}
      {canBrowse && (
        <Text className='union-option-browse' onClick={() => setTrail((t) => [...t, s])}>
          下级 <ArrowRight size={10} />
        </Text>
      )}
    </View>
  )

  return (
    <>
      <View className={`union-scope ${className}`} onClick={show}>
        <View className='union-scope-text'>
          <Text className='union-scope-label'>{label}</Text>
          <Text className='union-scope-name'>{value.name}</Text>
        </View>
        <View className='union-scope-switch'>
          <Text>切换</Text>
          <ArrowDown size={10} />
        </View>
      </View>

      <Popup visible={open} position='bottom' round closeable title='选择工会' className='union-popup' onClose={() => setOpen(false)}>
        <View className='union-sheet'>
          <Text className='union-sheet-hint muted'>{hint}</Text>
          <ScrollView scrollX className='union-trail'>
            <Text className={`union-crumb ${trail.length === 0 ? 'current' : ''}`} onClick={() => setTrail([])}>
              我管理的工会
            </Text>
            {trail.map((c, i) => (
              <Text key={c.id} className={`union-crumb ${i === trail.length - 1 ? 'current' : ''}`} onClick={() => setTrail((t) => t.slice(0, i + 1))}>
                {' / '}{c.name}
              </Text>
            ))}
          </ScrollView>
          <ScrollView scrollY className='union-list'>
            {!here ? (
              roles.map((r) => option({ id: r.orgId, name: r.orgName }, '本级及所有下级工会', true))
            ) : (
              <>
                <View className='union-here' onClick={() => choose(here)}>
                  <Text>选择“{here.name}”</Text>
                  {here.id === value.id && <Checked size={16} color='#d9001b' />}
                </View>
                {list.status === 'loading' ? (
                  <Text className='union-list-note muted'>加载中…</Text>
                ) : list.status === 'error' && list.items.length === 0 ? (
                  <Text className='union-list-note union-list-error' onClick={() => void load(null)}>{list.error}（点此重试）</Text>
                ) : list.items.length === 0 ? (
                  <Text className='union-list-note muted'>没有下级工会</Text>
                ) : (
                  list.items.map((o) => option({ id: o.id, name: o.name }, ORG_LEVEL_NAMES[o.level], o.level !== 'basic'))
                )}
                {list.cursor && (
                  <Button className='union-more' fill='none' size='small' loading={list.status === 'more'} onClick={() => void load(list.cursor)}>
                    加载更多
                  </Button>
                )}
              </>
            )}
          </ScrollView>
        </View>
      </Popup>
    </>
  )
}
