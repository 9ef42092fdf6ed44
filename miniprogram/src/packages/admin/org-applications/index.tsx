import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { RequestStatus } from '@union/shared/membership'
import { OrgApplicationPage, type OrgApplication } from '@union/shared/org-applications'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { fullTime, shortTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import { ScopeSwitcher, StatusTabs } from '../components/scope'
import { useQueue } from '../components/queue'
import '../components/admin.scss'

const EMPTY: Record<RequestStatus, string> = {
  pending: '没有待审批的建会申请',
  approved: '还没有批准的建会申请',
  rejected: '还没有驳回的建会申请',
}

function Row({ a }: { a: OrgApplication }) {
  return (
    <View className='card queue-item org-app-item' onClick={() => void Taro.navigateTo({ url: `/packages/admin/org-application/index?id=${encodeURIComponent(a.id)}` })}>
      <View className='queue-item-head'>
        <Text className='queue-item-name org-app-name'>{a.name}</Text>
        {a.status !== 'pending' && <RequestStatusTag status={a.status} />}
      </View>
      <Text className='queue-item-line'>上级工会：{a.parentName}</Text>
      <Text className='queue-item-line muted'>{a.employer} · 职工 {a.workforce} 人</Text>
      <View className='queue-item-foot'>
        <Text className='muted'>{a.status === 'pending' ? `提交于 ${shortTime(a.createdAt)}` : `处理于 ${a.decidedAt ? fullTime(a.decidedAt) : '—'}`}</Text>
        <Text className='queue-item-open'>{a.status === 'pending' ? '去审批' : '详情'} <ArrowRight size={10} /></Text>
      </View>
      {a.status === 'rejected' && a.reason && <Text className='queue-item-reason'>驳回理由：{a.reason}</Text>}
    </View>
  )
}

function Queue({ me }: { me: Me }) {
  const [status, setStatus] = useState<RequestStatus>('pending')
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  const { state, load } = useQueue('/v1/admin/org-applications', OrgApplicationPage, status, me.roles.length > 1 ? orgId : undefined)

  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    void load(null)
  }, [load])
  useLoadOnShow(() => void load(null))

  return (
    <>
      <ScopeSwitcher roles={me.roles} value={orgId} onChange={setOrgId} />
      <StatusTabs value={status} onChange={setStatus} />
      {state.status === 'loading' ? (
        <Loading rows={4} />
      ) : state.status === 'error' && state.items.length === 0 ? (
        <Blank error title='加载失败' description={state.error} actionText='重试' onAction={() => load(null)} />
      ) : state.items.length === 0 ? (
        <Blank title={EMPTY[status]} description={status === 'pending' ? '辖区内企业提交建会申请后会出现在这里。' : undefined} />
      ) : (
        <>
          {state.items.map((a) => (
            <Row key={a.id} a={a} />
          ))}
          {state.cursor ? (
            <Button className='queue-more' fill='none' size='small' loading={state.status === 'more'} onClick={() => load(state.cursor)}>
              加载更多
            </Button>
          ) : (
            <Text className='muted queue-end'>没有更多了</Text>
          )}
        </>
      )}
    </>
  )
}

export default function OrgApplicationsPage() {
  return (
    <View className='page admin-queue-page'>
      <SessionGate>
        {(me) => (me.roles.length === 0 ? <Blank title='仅限工会干部' description='建会审批只对工会干部开放。' /> : <Queue me={me} />)}
      </SessionGate>
    </View>
  )
}
