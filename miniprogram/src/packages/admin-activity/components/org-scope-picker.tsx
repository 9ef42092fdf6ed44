import { useCallback, useEffect, useRef, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { ArrowRight, Checked } from '@nutui/icons-react-taro'
import type { CadreRole } from '@union/shared/me'
import { ORG_LEVEL_NAMES, OrgPage, type Org } from '@union/shared/orgs'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'

export interface PickedOrg {
  id: string
  name: string
}

type Crumb = PickedOrg

function ScopeOption({ org, note, selected, onChoose, onBrowse }: {
  org: PickedOrg
  note: string
  selected: boolean
  onChoose: (org: PickedOrg) => void
  onBrowse?: (org: PickedOrg) => void
}) {
  return (
    <View className={`scope-option ${selected ? 'selected' : ''}`} onClick={() => onChoose(org)}>
      <View className='scope-option-main'>
        <Text className='scope-option-name'>{org.name}</Text>
        <Text className='scope-option-level'>{note}</Text>
      </View>
      {selected && <Checked size={18} color='#d9001b' />}
      {onBrowse && (
        <Text
          className='scope-option-browse'
          onClick={(e) => {
            e.stopPropagation()
            onBrowse(org)
          }}
        >
          下级 <ArrowRight size={10} />
        </Text>
      )}
    </View>
  )
}

/**
 * The union that hosts an activity: the cadre's own union or any union below it (a cadre acts only
 * inside their scope). Browses down from the cadre's role unions; every level may be chosen.
 */
export default function OrgScopePicker({ roles, value, onChange, disabled }: {
  roles: CadreRole[]
  value: PickedOrg
  onChange: (org: PickedOrg) => void
  disabled?: boolean
}) {
  const start: Crumb[] = roles.length === 1 ? [{ id: roles[0].orgId, name: roles[0].orgName }] : []
  const [open, setOpen] = useState(false)
  const [trail, setTrail] = useState<Crumb[]>(start)
  const [list, setList] = useState<{ items: Org[]; cursor: string | null; status: 'loading' | 'ready' | 'more' | 'error'; error?: string }>({ items: [], cursor: null, status: 'ready' })
  const seq = useRef(0)
  const here = trail[trail.length - 1]

  const load = useCallback(async (cursor: string | null) => {
    if (!here) return
    const mine = ++seq.current
    setList((l) => ({ ...l, status: cursor ? 'more' : 'loading', items: cursor ? l.items : [] }))
    try {
      const page = await request(`/v1/orgs/${encodeURIComponent(here.id)}/children`, { query: { limit: 30, cursor: cursor ?? undefined }, schema: OrgPage })
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

  const choose = (org: PickedOrg) => {
    onChange(org)
    setOpen(false)
  }
  const browse = (org: PickedOrg) => setTrail((t) => [...t, org])
  const openSheet = () => {
    if (disabled) return
    setTrail(start)
    setOpen(true)
  }

  return (
    <>
      <View className={`form-field org-scope-field ${disabled ? 'disabled' : ''}`} onClick={openSheet}>
        <Text className='form-label required'>主办工会</Text>
        <Text className='org-scope-value'>{value.name}</Text>
        {!disabled && <ArrowRight size={12} color='#c0c4cc' />}
      </View>
      <Popup visible={open} position='bottom' round closeable title='选择主办工会' className='org-scope-popup' onClose={() => setOpen(false)}>
        <View className='org-scope-sheet'>
          <Text className='org-scope-hint muted'>活动只对所选工会及其下级工会的会员开放</Text>
          <ScrollView scrollX className='org-scope-trail'>
            {roles.length > 1 && (
              <Text className={`org-scope-crumb ${trail.length === 0 ? 'current' : ''}`} onClick={() => setTrail([])}>
                我管理的工会
              </Text>
            )}
            {trail.map((c, i) => (
              <Text key={c.id} className={`org-scope-crumb ${i === trail.length - 1 ? 'current' : ''}`} onClick={() => setTrail((t) => t.slice(0, i + 1))}>
                {i > 0 || roles.length > 1 ? ' / ' : ''}{c.name}
              </Text>
            ))}
          </ScrollView>
          <ScrollView scrollY className='org-scope-list'>
            {!here ? (
              roles.map((r) => <ScopeOption key={r.orgId} org={{ id: r.orgId, name: r.orgName }} note='本级工会' selected={value.id === r.orgId} onChoose={choose} onBrowse={browse} />)
            ) : (
              <>
                <ScopeOption org={here} note='本级' selected={value.id === here.id} onChoose={choose} />
                {list.status === 'loading' ? (
                  <Loading rows={3} />
                ) : list.status === 'error' && list.items.length === 0 ? (
                  <Blank error title='加载失败' description={list.error} actionText='重试' onAction={() => void load(null)} />
                ) : (
                  list.items.map((o) => (
                    <ScopeOption key={o.id} org={{ id: o.id, name: o.name }} note={ORG_LEVEL_NAMES[o.level]} selected={value.id === o.id} onChoose={choose} onBrowse={o.level === 'basic' ? undefined : browse} />
                  ))
                )}
                {list.cursor && (
                  <Button className='org-scope-more' fill='none' size='small' loading={list.status === 'more'} onClick={() => void load(list.cursor)}>
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
