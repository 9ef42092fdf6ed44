import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import type { RequestStatus } from '@union/shared/membership'
import { OrgApplicationPage, type OrgApplication } from '@union/shared/org-applications'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import Page from '@/components/Page'
import { fullTime, shortTime } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import { StatusTabs } from '../components/scope'
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
  // Loaded again when the tab or union changes, and when back from a decision.
  const list = usePagedRequest('/v1/admin/org-applications', OrgApplicationPage, { status, orgId: me.roles.length > 1 ? orgId : undefined })

  return (
    <>
      <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} verb='审批范围' />
      <StatusTabs value={status} onChange={setStatus} />
      <PagedView
        list={list}
        rows={4}
        empty={<Blank title={EMPTY[status]} description={status === 'pending' ? '辖区内企业提交建会申请后会出现在这里。' : undefined} />}
      >
        {(items) => items.map((a) => <Row key={a.id} a={a} />)}
      </PagedView>
    </>
  )
}

export default function OrgApplicationsPage() {
  return (
    <Page className='admin-queue-page'>
      <SessionGate cadreOnly='建会审批'>{(me) => <Queue me={me} />}</SessionGate>
    </Page>
  )
}
