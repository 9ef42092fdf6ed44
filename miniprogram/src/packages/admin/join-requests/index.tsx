import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { JoinRequestPage, type JoinRequest, type RequestStatus } from '@union/shared/membership'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import { fullTime, shortTime, waitingText } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import { StatusTabs } from '../components/scope'
import Page from '@/components/Page'
import '../components/admin.scss'

const EMPTY: Record<RequestStatus, string> = {
  pending: '没有待审核的入会申请',
  approved: '还没有通过的入会申请',
  rejected: '还没有驳回的入会申请',
}

function Row({ r }: { r: JoinRequest }) {
  return (
    <View className='card queue-item join-queue-item' onClick={() => void Taro.navigateTo({ url: `/packages/admin/join-request/index?id=${encodeURIComponent(r.id)}` })}>
      <View className='queue-item-head'>
        <Text className='queue-item-name'>{r.name}</Text>
        {r.status === 'pending' ? <Text className='queue-item-waiting'>{waitingText(r.waitingSeconds)}</Text> : <RequestStatusTag status={r.status} />}
      </View>
      <Text className='queue-item-line'>{r.orgName}</Text>
      <Text className='queue-item-line muted'>工作单位：{r.employer}</Text>
      <View className='queue-item-foot'>
        <Text className='muted'>
          {r.status === 'pending' ? `提交于 ${shortTime(r.createdAt)}` : `处理于 ${r.decidedAt ? fullTime(r.decidedAt) : '—'}`}
          {r.status === 'approved' && r.memberNo ? ` · 会员号 ${r.memberNo}` : ''}
        </Text>
        <Text className='queue-item-open'>{r.status === 'pending' ? '去审核' : '详情'} <ArrowRight size={10} /></Text>
      </View>
      {r.status === 'rejected' && r.reason && <Text className='queue-item-reason'>驳回理由：{r.reason}</Text>}
    </View>
  )
}

function Queue({ me }: { me: Me }) {
  const [status, setStatus] = useState<RequestStatus>('pending')
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  // Loaded again when the tab or union changes, and when back from a decision.
  const list = usePagedRequest('/v1/admin/join-requests', JoinRequestPage, { status, orgId: me.roles.length > 1 ? orgId : undefined })
  const { state } = list

  return (
    <>
      <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} verb='审核范围' />
      <StatusTabs value={status} onChange={setStatus} />
      <PagedView
        list={list}
        rows={4}
        empty={<Blank title={EMPTY[status]} description={status === 'pending' ? '新的申请提交后会出现在这里。' : undefined} />}
        head={status === 'pending' && <Text className='queue-count muted'>共 {state.items.length}{state.cursor ? '+' : ''} 份待审核，按提交时间先后排列</Text>}
      >
        {(items) => items.map((r) => <Row key={r.id} r={r} />)}
      </PagedView>
    </>
  )
}

export default function JoinRequestsPage() {
  return (
    <Page className='admin-queue-page'>
      <SessionGate cadreOnly='入会审核'>{(me) => <Queue me={me} />}</SessionGate>
    </Page>
  )
}
