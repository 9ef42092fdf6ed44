import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { OrgApplicationPage, type OrgApplication } from '@union/shared/org-applications'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import Page from '@/components/Page'
import { Blank, Loading } from '@/components/StateView'
import { call, messageOf } from '@/services/api'
import { refreshMe } from '@/services/session'
import { fullTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import '../org-apply.scss'

const APPLY_PAGE = '/packages/org-apply/apply/index'

function Row({ label, value }: { label: string; value?: string | number }) {
  if (value === undefined || value === '') return null
  return (
    <View className='found-row'>
      <Text className='found-row-label'>{label}</Text>
      <Text className='found-row-value'>{value}</Text>
    </View>
  )
}

function ApplicationCard({ a }: { a: OrgApplication }) {
  return (
    <View className={`card found-card found-card-${a.status}`}>
      <View className='found-card-head'>
        <Text className='found-card-title'>{a.name}</Text>
        <RequestStatusTag status={a.status} />
      </View>
      <Row label='上级工会' value={a.parentName} />
      <Row label='单位名称' value={a.employer} />
      <Row label='信用代码' value={a.creditCode} />
      <Row label='职工人数' value={a.workforce} />
      <Row label='联系人' value={`${a.contactName} ${a.contactPhone}`} />
      <Row label='提交时间' value={fullTime(a.createdAt)} />
      {a.decidedAt && <Row label='审批时间' value={fullTime(a.decidedAt)} />}
      {a.status === 'approved' && (
        <View className='found-approved'>
          <Text>工会已成立，您是该工会的管理员。</Text>
          <Text className='found-approved-go' onClick={() => void refreshMe().catch(() => {}).then(() => Taro.switchTab({ url: '/pages/admin/index' }))}>
            去管理
          </Text>
        </View>
      )}
      {a.status === 'rejected' && a.reason && (
        <View className='found-reason'>
          <Text className='found-reason-label'>未获批准的原因</Text>
          <Text>{a.reason}</Text>
        </View>
      )}
      {a.status === 'pending' && <Text className='muted found-note'>上级工会审批后会通过“我的消息”通知您。</Text>}
    </View>
  )
}

function Applications() {
  const [items, setItems] = useState<OrgApplication[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()

  const load = useCallback(async (from: string | null) => {
    setStatus(from ? 'more' : 'loading')
    try {
      const page = await call('GET /v1/me/org-applications', OrgApplicationPage, { query: { limit: 20, cursor: from ?? undefined } })
      setItems((prev) => (from ? [...prev, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    } finally {
      Taro.stopPullDownRefresh()
    }
  }, [])
  useLoadOnShow(() => void load(null))
  usePullDownRefresh(() => void load(null))
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(cursor)
  })

  if (status === 'loading' && items.length === 0) return <Loading rows={5} />
  if (status === 'error' && items.length === 0) return <Blank error title='加载失败' description={error} actionText='重试' onAction={() => load(null)} />
  if (items.length === 0) {
    return <Blank title='还没有建会申请' description='单位还没有工会？可以在这里申请成立。' actionText='申请建会' onAction={() => void Taro.navigateTo({ url: APPLY_PAGE })} />
  }
  return (
    <>
      {items.map((a) => (
        <ApplicationCard key={a.id} a={a} />
      ))}
      {cursor ? (
        <Button className='found-more' fill='none' size='small' loading={status === 'more'} onClick={() => load(cursor)}>
          加载更多
        </Button>
      ) : (
        <Text className='muted found-end'>没有更多了</Text>
      )}
      <Button className='found-again' fill='outline' size='large' onClick={() => void Taro.navigateTo({ url: APPLY_PAGE })}>
        再申请一个
      </Button>
    </>
  )
}

export default function MyOrgApplicationsPage() {
  return (
    <Page className='found-mine-page'>
      <SessionGate>{() => <Applications />}</SessionGate>
    </Page>
  )
}
