import { useCallback, useEffect, useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Picker, ScrollView, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { ArrowDown, ArrowUp, Checked, Filter } from '@nutui/icons-react-taro'
import type * as z from 'zod/mini'
import type { Me } from '@union/shared/me'
import { AuditPage, type AuditEntry as AuditEntrySchema } from '@union/shared/admin'
import { addDays, chinaDay } from '@union/shared/china-day'
import { Org } from '@union/shared/orgs'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import UnionScope, { initialScope, type Scope } from '@/components/UnionScope'
import { call } from '@/services/api'
import { usePagedRequest } from '@/utils/hooks'
import { ACTIONS, ACTION_GROUPS, FIELDS, HIDDEN_FIELDS, OBJECT_TYPES, actionTitle, actionTone, valueText } from './labels'
import Page from '@/components/Page'
import '../components/tools.scss'
import './index.scss'

type Entry = z.infer<typeof AuditEntrySchema>

/** Union names for ids shown in the log (a few per page, fetched once per id). */
const orgNames = new Map<string, string>()
function useOrgNames(me: Me) {
  const [, setVersion] = useState(0)
  const asked = useRef(new Set<string>())
  useEffect(() => {
    for (const r of me.roles) orgNames.set(r.orgId, r.orgName)
  }, [me.roles])
  const want = useCallback((ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => id && !orgNames.has(id) && !asked.current.has(id))
    if (missing.length === 0) return
    missing.forEach((id) => asked.current.add(id))
    void Promise.allSettled(missing.map((id) => call('GET /v1/orgs/{id}', Org, { params: { id } }))).then((results) => {
      results.forEach((r) => r.status === 'fulfilled' && orgNames.set(r.value.id, r.value.name))
      setVersion((v) => v + 1)
    })
  }, [])
  return { want, name: (id: string) => orgNames.get(id) }
}

type DatePreset = 'all' | 'today' | '7' | '30' | 'day'
const DATE_PRESETS: { value: Exclude<DatePreset, 'day'>; title: string }[] = [
  { value: 'all', title: '全部时间' },
  { value: 'today', title: '今天' },
  { value: '7', title: '近7天' },
  { value: '30', title: '近30天' },
]

function rangeOf(preset: DatePreset, day: string | undefined): { from?: string; to?: string } {
  const today = chinaDay(new Date())
  if (preset === 'today') return { from: today, to: today }
  if (preset === '7') return { from: addDays(today, -6), to: today }
  if (preset === '30') return { from: addDays(today, -29), to: today }
  if (preset === 'day' && day) return { from: day, to: day }
  return {}
}

/** Who acted: a cadre (by the union whose role allowed it), or the person on their own behalf (no role). */
function actorText(e: Entry, me: Me, org: (id: string) => string | undefined): string {
  if (e.actorOrgId) return `${e.actorUserId === me.id ? '我' : `干部 ${e.actorUserId.slice(0, 6)}`} · ${org(e.actorOrgId) ?? e.actorOrgId}`
  if (e.action.startsWith('member_verification.')) return `认证申请人 ${e.actorUserId.slice(0, 6)}`
  if (e.action.endsWith('.withdraw')) return `申请人 ${e.actorUserId.slice(0, 6)}（注销账号时撤回）`
  return `会员本人 ${e.actorUserId.slice(0, 6)}`
}

/** One line saying what the entry changed. */
function summary(e: Entry, org: (id: string) => string | undefined): string {
  const a = e.after ?? {}
  const b = e.before ?? {}
  const s = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v))
  const orgText = (id: unknown) => (typeof id === 'string' ? (org(id) ?? id) : '')
  switch (e.action) {
    case 'points.adjust': {
      const d = Number(a.delta ?? 0)
      return `${d > 0 ? '+' : ''}${d} 积分${a.reason ? ` · ${s(a.reason)}` : ''}`
    }
    case 'goods.create':
      return s(a.name)
    case 'goods.update':
      return [s(b.name), a.stockDelta !== undefined ? `库存 ${Number(a.stockDelta) > 0 ? '+' : ''}${s(a.stockDelta)}` : '', a.status ? valueText('status', a.status, org) : ''].filter(Boolean).join(' · ')
    case 'activity.create':
      return s(a.title)
    case 'activity.update':
    case 'activity.cancel':
      return s(b.title ?? a.title)
    case 'join_request.approve':
      return a.memberNo ? `会员号 ${s(a.memberNo)}` : '申请已通过'
    case 'join_request.reject':
    case 'transfer_request.reject':
      return a.reason ? `理由：${s(a.reason)}` : '申请已驳回'
    case 'join_request.reveal':
      return `查看了申请人的${valueText('field', a.field, org)}`
    case 'transfer_request.approve':
      return `${orgText(b.orgId)} → ${orgText(a.orgId)}`
    case 'role.appoint':
    case 'role.remove':
      return orgText(e.orgId)
    case 'order.verify':
      return `订单 ${e.objectId.slice(0, 8)}`
    case 'org.create':
      return `${s(a.name)}${a.level ? ` · ${valueText('level', a.level, org)}` : ''}`
    case 'org.rename':
      return `${s(b.name)} → ${s(a.name)}`
    case 'org.close':
    case 'org_application.approve':
      return s(a.name) || orgText(e.orgId)
    case 'org_application.reject':
      return a.reason ? `理由：${s(a.reason)}` : '申请已驳回'
    case 'member_verification.failed':
    case 'member_verification.refused':
      return valueText('reason', a.reason, org)
    case 'member.unbind':
      return `会员号 ${s(b.memberNo)}${a.reason ? ` · ${s(a.reason)}` : ''}`
    case 'roster_import.commit':
      return `新增 ${s(a.created)} · 更新 ${s(a.updated)} · 跳过 ${s(a.skipped)}`
    case 'account.leave':
    case 'account.delete':
      return b.memberNo ? `会员号 ${s(b.memberNo)}` : ''
    default:
      return ''
  }
}

function Detail({ e, org }: { e: Entry; org: (id: string) => string | undefined }) {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])].filter((k) => !HIDDEN_FIELDS.has(k))
  const both = Boolean(e.before && e.after)
  return (
    <View className='audit-detail'>
      <View className='audit-detail-meta'>
        <Text>对象：{OBJECT_TYPES[e.objectType] ?? e.objectType} · {e.objectId}</Text>
        <Text>所属工会：{org(e.orgId) ?? e.orgId}</Text>
        <Text>操作人身份：{e.actorOrgId ? `${org(e.actorOrgId) ?? e.actorOrgId} 干部` : '本人'}</Text>
      </View>
      {keys.length === 0 ? (
        <Text className='muted audit-detail-none'>没有记录变更内容</Text>
      ) : (
        <View className={`audit-table ${both ? 'both' : 'single'}`}>
          <View className='audit-tr audit-th'>
            <Text className='audit-td key'>项目</Text>
            {both ? (
              <>
                <Text className='audit-td'>修改前</Text>
                <Text className='audit-td'>修改后</Text>
              </>
            ) : (
              <Text className='audit-td'>{e.before ? '操作前' : '内容'}</Text>
            )}
          </View>
          {keys.map((k) => {
            const before = e.before && k in e.before ? valueText(k, e.before[k], org) : undefined
            const after = e.after && k in e.after ? valueText(k, e.after[k], org) : undefined
            return (
              <View key={k} className={`audit-tr ${both && before !== undefined && after !== undefined && before !== after ? 'changed' : ''}`}>
                <Text className='audit-td key'>{FIELDS[k] ?? k}</Text>
                {both ? (
                  <>
                    <Text className='audit-td before'>{before ?? '—'}</Text>
                    <Text className='audit-td after'>{after ?? '（未改）'}</Text>
                  </>
                ) : (
                  <Text className='audit-td'>{after ?? before ?? '—'}</Text>
                )}
              </View>
            )
          })}
        </View>
      )}
    </View>
  )
}

function Row({ e, me, org, open, onToggle }: { e: Entry; me: Me; org: (id: string) => string | undefined; open: boolean; onToggle: () => void }) {
  const line = summary(e, org)
  return (
    <View className={`card audit-item ${open ? 'open' : ''}`}>
      <View className='audit-item-main' onClick={onToggle}>
        <View className='audit-item-head'>
          <Text className={`audit-item-action tone-${actionTone(e.action)}`}>{actionTitle(e.action)}</Text>
          <Text className='audit-item-time'>{e.at.slice(5, 10)} {e.at.slice(11, 16)}</Text>
        </View>
        {line && <Text className='audit-item-summary'>{line}</Text>}
        <View className='audit-item-foot'>
          <Text className='muted audit-item-actor'>
            {actorText(e, me, org)}
          </Text>
          <Text className='audit-item-toggle'>
            {open ? '收起' : '详情'} {open ? <ArrowUp size={10} /> : <ArrowDown size={10} />}
          </Text>
        </View>
      </View>
      {open && <Detail e={e} org={org} />}
    </View>
  )
}

function AuditLog({ me }: { me: Me }) {
  const { params } = useRouter()
  const [scope, setScope] = useState<Scope>(() => initialScope(me.roles, params))
  const [action, setAction] = useState<string>(params.action && ACTIONS.some((a) => a.value === params.action) ? params.action : '')
  const [preset, setPreset] = useState<DatePreset>('all')
  const [day, setDay] = useState<string>()
  const [sheet, setSheet] = useState(false)
  const [open, setOpen] = useState<string>()
  const org = useOrgNames(me)
  const { from, to } = rangeOf(preset, day)

  const list = usePagedRequest('/v1/admin/audit-log', AuditPage, { orgId: scope.id, action: action || undefined, from, to }, {
    onPage: (page) => org.want(page.items.flatMap((e) => [e.orgId, e.actorOrgId, ...[e.before?.orgId, e.after?.orgId, e.after?.parentId].filter((x): x is string => typeof x === 'string')]).filter(Boolean)),
  })

  const chooseAction = (value: string) => {
    setAction(value)
    setSheet(false)
  }
  const filtered = Boolean(action) || preset !== 'all'

  return (
    <>
      <UnionScope roles={me.roles} value={scope} onChange={setScope} label='日志范围（含下级工会）' />

      <View className='audit-filter audit-filter-action' onClick={() => setSheet(true)}>
        <Filter size={14} color='#5c5f66' />
        <Text className='audit-filter-label'>操作类型</Text>
        <Text className={`audit-filter-value ${action ? 'set' : ''}`}>{action ? actionTitle(action) : '全部'}</Text>
        <ArrowDown size={10} color='#a0a3a8' />
      </View>

      <ScrollView scrollX className='audit-dates'>
        {DATE_PRESETS.map((p) => (
          <Text key={p.value} className={`tools-chip audit-date audit-date-${p.value} ${preset === p.value ? 'active' : ''}`} onClick={() => setPreset(p.value)}>
            {p.title}
          </Text>
        ))}
        <Picker
          mode='date'
          value={day ?? chinaDay(new Date())}
          end={chinaDay(new Date())}
          onChange={(ev) => {
            setDay(ev.detail.value)
            setPreset('day')
          }}
          className='audit-date-picker'
        >
          <Text className={`tools-chip audit-date audit-date-day ${preset === 'day' ? 'active' : ''}`}>{preset === 'day' && day ? day.slice(5) : '指定日期'}</Text>
        </Picker>
      </ScrollView>

      <PagedView
        list={list}
        errorTitle='日志加载失败'
        empty={<Blank title={filtered ? '没有符合条件的操作' : '还没有操作记录'} description={filtered ? '换个操作类型或时间试试。' : '审核、商城、活动和干部任免的操作都会记录在这里。'} />}
      >
        {(items) => items.map((e) => <Row key={e.id} e={e} me={me} org={org.name} open={open === e.id} onToggle={() => setOpen((o) => (o === e.id ? undefined : e.id))} />)}
      </PagedView>

      <Popup visible={sheet} position='bottom' round closeable title='操作类型' className='audit-sheet-popup' onClose={() => setSheet(false)}>
        <ScrollView scrollY className='audit-sheet'>
          <View className={`audit-action-option audit-action-all ${action === '' ? 'active' : ''}`} onClick={() => chooseAction('')}>
            <Text>全部操作</Text>
            {action === '' && <Checked size={14} color='#d9001b' />}
          </View>
          {ACTION_GROUPS.map((g) => (
            <View key={g} className='audit-sheet-group'>
              <Text className='audit-sheet-group-title'>{g}</Text>
              <View className='audit-sheet-options'>
                {ACTIONS.filter((a) => a.group === g).map((a) => (
                  <Text key={a.value} className={`audit-action-option-chip ${action === a.value ? 'active' : ''}`} onClick={() => chooseAction(a.value)}>
                    {a.title}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </ScrollView>
      </Popup>
    </>
  )
}

export default function AuditLogPage() {
  return (
    <Page className='audit-page'>
      <SessionGate cadreOnly='操作日志'>{(me) => <AuditLog me={me} />}</SessionGate>
    </Page>
  )
}
