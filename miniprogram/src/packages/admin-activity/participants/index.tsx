import { useMemo, useState } from 'react'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Activity, ParticipantPage, type Participant } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import SessionGate from '@/components/SessionGate'
import { Blank, ResourceState } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { timeRange } from '@/utils/activity'
import { shortTime } from '@/utils/format'
import { useResource } from '@/utils/hooks'
import { csvFileName, saveCsv } from '@/utils/csv-download'
import Page from '@/components/Page'
import '../components/admin-activity.scss'
import './index.scss'

type Filter = 'all' | 'confirmed' | 'waitlisted' | 'checkedIn' | 'cancelled'
const FILTERS: { value: Filter; title: string }[] = [
  { value: 'all', title: '全部' },
  { value: 'confirmed', title: '已报名' },
  { value: 'waitlisted', title: '候补' },
  { value: 'checkedIn', title: '已签到' },
  { value: 'cancelled', title: '已取消' },
]

const matches = (p: Participant, f: Filter) =>
  f === 'all' ? p.status !== 'cancelled' : f === 'checkedIn' ? Boolean(p.checkedInAt) : p.status === f

function StatusTag({ p }: { p: Participant }) {
  if (p.status === 'waitlisted') return <Text className='participant-status tone-wait'>候补第 {p.position ?? '—'} 位</Text>
  if (p.status === 'cancelled') return <Text className='participant-status tone-off'>已取消</Text>
  return <Text className='participant-status tone-ok'>已报名</Text>
}

function Row({ p }: { p: Participant }) {
  return (
    <View className={`participant participant-${p.status}`}>
      <View className='participant-main'>
        <View className='participant-head'>
          <Text className='participant-name'>{p.nickname}</Text>
          <StatusTag p={p} />
        </View>
        <Text className='participant-line muted'>
          {p.memberNo ? `会员号 ${p.memberNo}` : '—'}
          {p.orgName ? ` · ${p.orgName}` : ''}
        </Text>
        <Text className='participant-line muted'>报名于 {shortTime(p.signedUpAt)}</Text>
      </View>
      {p.status === 'confirmed' && (
        <View className={`participant-checkin ${p.checkedInAt ? 'done' : ''}`}>
          <Text className='participant-checkin-state'>{p.checkedInAt ? '已签到' : '未签到'}</Text>
          {p.checkedInAt && <Text className='participant-checkin-time'>{p.checkedInAt.slice(11, 16)}</Text>}
        </View>
      )}
    </View>
  )
}

function Participants({ id }: { id: string; me: Me }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [exporting, setExporting] = useState(false)
  const resource = useResource(async () => {
    const [activity, page] = await Promise.all([
      call('GET /v1/activities/{id}', Activity, { params: { id } }),
      call('GET /v1/admin/activities/{id}/signups', ParticipantPage, { params: { id } }),
    ])
    return { activity, items: page.items }
  }, [id], { onShow: true })
  const load = resource.reload
  const activity = resource.data?.activity
  const items = useMemo(() => resource.data?.items ?? [], [resource.data])
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const counts = useMemo(() => {
    const c: Record<Filter, number> = { all: 0, confirmed: 0, waitlisted: 0, checkedIn: 0, cancelled: 0 }
    for (const p of items) for (const f of FILTERS) if (matches(p, f.value)) c[f.value]++
    return c
  }, [items])

  const exportCsv = async () => {
    if (!activity) return
    setExporting(true)
    try {
      const how = await saveCsv(`/v1/admin/activities/${encodeURIComponent(id)}/signups?format=csv`, csvFileName(activity.title, '报名名单'))
      Taro.showToast({
        title: how === 'downloaded' ? '已下载名单' : how === 'shared' ? '已发送名单文件' : '当前环境不能发送文件，名单已复制，可粘贴到表格',
        icon: 'none',
        duration: how === 'copied' ? 3000 : 1500,
      })
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  if (resource.status !== 'ready' || !activity) return <ResourceState resource={resource} failTitle='加载失败' />

  const shown = items.filter((p) => matches(p, filter))
  return (
    <>
      <View className='card participants-summary'>
        <Text className='participants-title'>{activity.title}</Text>
        <Text className='muted'>{timeRange(activity.startsAt, activity.endsAt)} · {activity.location}</Text>
        <View className='admin-activity-stats'>
          <View className='admin-activity-stat'>
            <Text className='admin-activity-stat-value'>{counts.confirmed}<Text className='participants-of'>/{activity.capacity}</Text></Text>
            <Text className='admin-activity-stat-label'>已报名</Text>
          </View>
          <View className='admin-activity-stat'>
            <Text className='admin-activity-stat-value'>{counts.waitlisted}</Text>
            <Text className='admin-activity-stat-label'>候补</Text>
          </View>
          <View className='admin-activity-stat'>
            <Text className='admin-activity-stat-value participants-checked'>{counts.checkedIn}</Text>
            <Text className='admin-activity-stat-label'>已签到</Text>
          </View>
        </View>
        <Button className='participants-export' fill='outline' size='small' block loading={exporting} disabled={items.length === 0} onClick={() => void exportCsv()}>
          导出 CSV（Excel 可打开）
        </Button>
      </View>

      <ScrollView scrollX className='participants-filters'>
        {FILTERS.map((f) => (
          <Text key={f.value} className={`participants-filter ${f.value === filter ? 'active' : ''}`} onClick={() => setFilter(f.value)}>
            {f.title} {counts[f.value]}
          </Text>
        ))}
      </ScrollView>

      {shown.length === 0 ? (
        <Blank title={items.length === 0 ? '还没有人报名' : '没有符合条件的会员'} description={items.length === 0 ? '会员报名后会出现在这里。' : undefined} />
      ) : (
        <View className='card participants-list'>
          {shown.map((p) => (
            <Row key={p.userId} p={p} />
          ))}
        </View>
      )}
    </>
  )
}

export default function ParticipantsPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='participants-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='报名名单只对工会干部开放。' />
          ) : id ? (
            <Participants id={id} me={me} />
          ) : (
            <Blank error title='活动不存在' description='链接缺少活动编号。' />
          )
        }
      </SessionGate>
    </Page>
  )
}
