import { useEffect, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { SearchBar } from '@nutui/nutui-react-taro'
import { ArrowRight, Checked } from '@nutui/icons-react-taro'
import { ORG_LEVEL_NAMES } from '@union/shared/org-levels'
import type { Org, OrgPage } from '@union/shared/orgs'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { request, SERVER_CHECKED } from '@/services/api'
import { usePagedList } from '@/utils/hooks'
import './index.scss'

/** What a form or a page keeps of a chosen union. */
export interface PickedOrg {
  id: string
  name: string
}

/** A union as the sheet lists it: a picked one (a role's union) has no level. */
export type TreeOrg = PickedOrg & { level?: Org['level'] }

const SEARCH_MIN = 2

export interface UnionTreeProps {
  open: boolean
  onClose: () => void
  title: string
  hint?: string
  className?: string
  /**
   * Where browsing starts: the unions a cadre holds a role for, or — none given —
   * the top of the whole tree, with a search by name.
   */
  roots?: PickedOrg[]
  /** The note under a root union. */
  rootNote?: string
  /** Whether a union may be chosen; a union that may not is shown dimmed and taps browse into it. */
  canChoose?: (org: TreeOrg) => boolean
  /** The line under a listed union (default: its level). */
  noteOf?: (org: TreeOrg) => string
  /** Offer the union being browsed itself at the top of its list. */
  chooseHere?: boolean
  value?: PickedOrg
  onChoose: (org: TreeOrg) => void
}

/** What the tree itself takes (the sheet adds its title, class and closing). */
export type UnionTreeBodyProps = Omit<UnionTreeProps, 'onClose' | 'title' | 'className'>

/**
 * The union tree, shared by every picker: browse level by level (`GET /v1/orgs/{id}/children`), from the
 * cadre's own unions or from the top (`GET /v1/orgs`, with `q` to search by name). Shown in a bottom sheet
 * (./index.tsx) or as a page of its own (the 管理 tab's scope: packages/admin/scope, which keeps the sheet's
 * code out of the weapp main package). It starts at the top whenever `open` turns true.
 */
export function UnionTreeBody(props: UnionTreeBodyProps) {
  const { open, hint, roots } = props
  const [trail, setTrail] = useState<PickedOrg[]>([])
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState('')

  // Every opening starts at the top.
  useEffect(() => {
    if (!open) return
    setTrail([])
    setQuery('')
    setSearched('')
  }, [open])
  // Search as the person types, once they pause.
  useEffect(() => {
    const q = query.trim()
    const timer = setTimeout(() => setSearched(q.length >= SEARCH_MIN ? q : ''), 300)
    return () => clearTimeout(timer)
  }, [query])

  const here = trail[trail.length - 1]
  const browse = (org: PickedOrg) => {
    setQuery('')
    setSearched('')
    setTrail((t) => (searched ? [org] : [...t, org]))
  }
  const short = query.trim().length > 0 && query.trim().length < SEARCH_MIN
  const topName = roots ? '我管理的工会' : '全部工会'

  return (
    <View className='union-sheet'>
      {!roots && (
        <SearchBar
          className='union-search org-picker-search'
          shape='round'
          placeholder='输入工会或企业名称，至少 2 个字'
          value={query}
          maxLength={30}
          onChange={(v) => setQuery(v)}
          onClear={() => setQuery('')}
        />
      )}
      {hint && <Text className='union-sheet-hint muted'>{hint}</Text>}
      {searched ? (
        <Text className='union-sheet-hint muted'>搜索“{searched}”的结果</Text>
      ) : (
        <ScrollView scrollX className='union-trail'>
          <Text className={`union-crumb ${trail.length === 0 ? 'current' : ''}`} onClick={() => setTrail([])}>
            {topName}
          </Text>
          {trail.map((c, i) => (
            <Text key={c.id} className={`union-crumb ${i === trail.length - 1 ? 'current' : ''}`} onClick={() => setTrail((t) => t.slice(0, i + 1))}>
              {' / '}
              {c.name}
            </Text>
          ))}
        </ScrollView>
      )}
      {short && <Text className='union-sheet-hint muted'>再输入至少 {SEARCH_MIN - query.trim().length} 个字开始搜索</Text>}
      <ScrollView scrollY className='union-list'>
        {open && (roots && !here && !searched ? (
          roots.map((r) => <UnionOption key={r.id} org={r} note={props.rootNote ?? '本级及所有下级工会'} tree={props} onBrowse={browse} />)
        ) : (
          <>
            {here && props.chooseHere && !searched && <UnionOption org={here} note='本级' tree={props} />}
            <Children key={`${here?.id ?? ''}|${searched}`} parent={searched ? undefined : here} q={searched} tree={props} onBrowse={browse} />
          </>
        ))}
      </ScrollView>
    </View>
  )
}

/** The unions below `parent` (none: the top of the tree, or the search's matches), page by page. */
function Children({ parent, q, tree, onBrowse }: { parent?: PickedOrg; q: string; tree: UnionTreeBodyProps; onBrowse: (org: PickedOrg) => void }) {
  const list = usePagedList<Org>(
    (cursor) => request<OrgPage>(parent ? `/v1/orgs/${encodeURIComponent(parent.id)}/children` : '/v1/orgs', { query: { q: q || undefined, limit: 30, cursor }, schema: SERVER_CHECKED }),
    `${parent?.id ?? ''}|${q}`,
    { pageEvents: false },
  )
  return (
    <PagedView
      list={list}
      rows={3}
      empty={<Blank title={q ? '没有找到匹配的工会' : '这里没有下级工会'} description={q ? '换个关键词试试，例如企业名称中的两个字' : undefined} />}
    >
      {(items) => items.map((o) => <UnionOption key={o.id} org={o} tree={tree} onBrowse={o.level === 'basic' ? undefined : onBrowse} />)}
    </PagedView>
  )
}

function UnionOption({ org, note, tree, onBrowse }: { org: TreeOrg; note?: string; tree: UnionTreeBodyProps; onBrowse?: (org: PickedOrg) => void }) {
  const choosable = tree.canChoose ? tree.canChoose(org) : true
  const selected = tree.value?.id === org.id
  const pick = () => {
    if (choosable) tree.onChoose(org)
    else onBrowse?.(org)
  }
  return (
    <View className={`union-option ${selected ? 'selected' : ''} ${choosable ? '' : 'disabled'}`}>
      <View className='union-option-main' onClick={pick}>
        <Text className='union-option-name'>{org.name}</Text>
        <Text className='union-option-level'>{note ?? tree.noteOf?.(org) ?? (org.level ? ORG_LEVEL_NAMES[org.level] : '')}</Text>
      </View>
      {selected && <Checked size={18} color='#d9001b' />}
      {onBrowse && (
        <View className='union-option-browse' onClick={() => onBrowse({ id: org.id, name: org.name })}>
          <Text>下级</Text>
          <ArrowRight size={12} />
        </View>
      )}
    </View>
  )
}
