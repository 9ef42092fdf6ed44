import { useCallback, useEffect, useRef, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Popup, SearchBar } from '@nutui/nutui-react-taro'
import { ArrowRight, Checked } from '@nutui/icons-react-taro'
import { ORG_LEVEL_NAMES, OrgPage, type Org, type OrgLevel } from '@union/shared/orgs'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import '@/styles/form.scss'
import './index.scss'

/** What a form keeps of the chosen union. */
export interface PickedOrg {
  id: string
  name: string
}

interface Props {
  value?: PickedOrg
  onChange: (org: Org) => void
  /** A union that may not be chosen (e.g. the member's current union when transferring). */
  excludeOrgId?: string
  excludeReason?: string
  label?: string
  placeholder?: string
  error?: string
  /** The levels that may be chosen (default: basic unions, the only ones that take members). */
  levels?: OrgLevel[]
  /** The sheet's title. */
  title?: string
  /** Why an unchoosable union cannot be chosen (after its level). */
  unpickableNote?: string
}

type Crumb = { id: string | null; name: string }
const ROOT: Crumb = { id: null, name: '全部工会' }
const SEARCH_MIN = 2

interface ListState {
  items: Org[]
  cursor: string | null
  status: 'loading' | 'ready' | 'more' | 'error'
  error?: string
}

const BASIC_ONLY: OrgLevel[] = ['basic']

/**
 * Picks a union of the given levels (default 基层工会): a field that opens a sheet where the person
 * searches by name (≥ 2 characters) or browses the union tree level by level. Unions of other levels
 * are shown with their level and cannot be chosen (browsing into any non-basic one is allowed).
 */
export default function OrgPicker({
  value, onChange, excludeOrgId, excludeReason = '当前所在工会', label = '基层工会', placeholder = '搜索并选择基层工会', error,
  levels = BASIC_ONLY, title = '选择基层工会', unpickableNote = '不直接接收会员',
}: Props) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [trail, setTrail] = useState<Crumb[]>([ROOT])
  const [list, setList] = useState<ListState>({ items: [], cursor: null, status: 'loading' })
  const seq = useRef(0)

  const q = query.trim()
  const searching = q.length >= SEARCH_MIN
  const here = trail[trail.length - 1]

  const load = useCallback(async (cursor: string | null) => {
    const mine = ++seq.current
    setList((l) => ({ ...l, status: cursor ? 'more' : 'loading', items: cursor ? l.items : [] }))
    try {
      const path = searching || here.id === null ? '/v1/orgs' : `/v1/orgs/${here.id}/children`
      const page = await request(path, { query: { q: searching ? q : undefined, limit: 20, cursor: cursor ?? undefined }, schema: OrgPage })
      if (mine !== seq.current) return
      setList((l) => ({ items: cursor ? [...l.items, ...page.items] : page.items, cursor: page.nextCursor, status: 'ready' }))
    } catch (e) {
      if (mine !== seq.current) return
      setList((l) => ({ ...l, status: 'error', error: messageOf(e) }))
    }
  }, [searching, q, here.id])

  // Search as the person types (debounced); browse immediately.
  useEffect(() => {
    if (!open) return
    const timer = setTimeout(() => void load(null), searching ? 300 : 0)
    return () => clearTimeout(timer)
  }, [open, load, searching])

  const browseInto = (org: Org) => {
    setQuery('')
    setTrail((t) => (searching ? [ROOT, { id: org.id, name: org.name }] : [...t, { id: org.id, name: org.name }]))
  }

  const choose = (org: Org) => {
    onChange(org)
    setOpen(false)
  }

  const shortQuery = q.length > 0 && q.length < SEARCH_MIN

  return (
    <>
      <View className={`org-picker-field ${error ? 'has-error' : ''}`} onClick={() => setOpen(true)}>
        <Text className='org-picker-label'>{label}</Text>
        <Text className={`org-picker-value ${value ? '' : 'placeholder'}`}>{value ? value.name : placeholder}</Text>
        <ArrowRight size={12} color='#c0c4cc' />
      </View>
      {error && <Text className='field-error org-picker-error'>{error}</Text>}

      <Popup
        visible={open}
        position='bottom'
        round
        closeable
        title={title}
        className='org-picker-popup'
        onClose={() => setOpen(false)}
      >
        <View className='org-picker-sheet'>
          <SearchBar
            className='org-picker-search'
            shape='round'
            placeholder='输入工会或企业名称，至少 2 个字'
            value={query}
            maxLength={30}
            onChange={(v) => setQuery(v)}
            onClear={() => setQuery('')}
          />
          {searching ? (
            <Text className='org-picker-hint muted'>搜索“{q}”的结果 · 只有{levels.map((l) => ORG_LEVEL_NAMES[l]).join('、')}可以选择</Text>
          ) : (
            <ScrollView scrollX className='org-picker-trail'>
              {trail.map((c, i) => (
                <Text
                  key={c.id ?? 'root'}
                  className={`org-picker-crumb ${i === trail.length - 1 ? 'current' : ''}`}
                  onClick={() => setTrail((t) => t.slice(0, i + 1))}
                >
                  {i > 0 ? ' / ' : ''}{c.name}
                </Text>
              ))}
            </ScrollView>
          )}
          {shortQuery && <Text className='org-picker-hint muted'>再输入至少 {SEARCH_MIN - q.length} 个字开始搜索</Text>}

          <ScrollView scrollY className='org-picker-list'>
            {list.status === 'loading' ? (
              <Loading rows={4} />
            ) : list.status === 'error' && list.items.length === 0 ? (
              <Blank error title='加载失败' description={list.error} actionText='重试' onAction={() => void load(null)} />
            ) : list.items.length === 0 ? (
              <Blank title={searching ? '没有找到匹配的工会' : '这里没有下级工会'} description={searching ? '换个关键词试试，例如企业名称中的两个字' : undefined} />
            ) : (
              <>
                {list.items.map((org) => {
                  const basic = org.level === 'basic'
                  const pickable = levels.includes(org.level)
                  const excluded = org.id === excludeOrgId
                  const selectable = pickable && !excluded
                  const selected = value?.id === org.id
                  return (
                    <View
                      key={org.id}
                      className={`org-option ${selectable ? '' : 'disabled'} ${selected ? 'selected' : ''}`}
                      onClick={() => (selectable ? choose(org) : !basic ? browseInto(org) : undefined)}
                    >
                      <View className='org-option-main'>
                        <Text className='org-option-name'>{org.name}</Text>
                        <Text className='org-option-level'>
                          {ORG_LEVEL_NAMES[org.level]}
                          {excluded ? ` · ${excludeReason}` : pickable ? '' : ` · ${unpickableNote}`}
                        </Text>
                      </View>
                      {selected ? (
                        <Checked size={18} color='#d9001b' />
                      ) : !basic && !pickable ? (
                        <Text className='org-option-browse'>下级 <ArrowRight size={10} /></Text>
                      ) : null}
                    </View>
                  )
                })}
                {list.cursor && (
                  <Button className='org-picker-more' fill='none' size='small' loading={list.status === 'more'} onClick={() => void load(list.cursor)}>
                    加载更多
                  </Button>
                )}
                {list.status === 'error' && <Text className='field-error org-picker-more'>{list.error}</Text>}
              </>
            )}
          </ScrollView>
        </View>
      </Popup>
    </>
  )
}
