import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { ApproveResult, RejectResult, TransferRequestPage, type RequestStatus, type TransferRequest } from '@union/shared/membership'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { fullTime, shortTime, waitingText } from '@/utils/format'
import { usePagedRequest } from '@/utils/hooks'
import { useConfirm } from '@/components/ConfirmDialog'
import RejectSheet from '../components/reject-sheet'
import { StatusTabs } from '../components/scope'
import Page from '@/components/Page'
import '../components/admin.scss'

const EMPTY: Record<RequestStatus, string> = {
  pending: '没有待审核的转会申请',
  approved: '还没有通过的转会申请',
  rejected: '还没有驳回的转会申请',
}

const who = (r: TransferRequest) => r.memberName ?? '会员'

function Row({ r, busy, onApprove, onReject }: { r: TransferRequest; busy: boolean; onApprove: () => void; onReject: () => void }) {
  return (
    <View className='card queue-item transfer-queue-item'>
      <View className='queue-item-head'>
        <Text className='queue-item-name'>{who(r)}</Text>
        {r.status === 'pending' ? <Text className='queue-item-waiting'>{waitingText(r.waitingSeconds)}</Text> : <RequestStatusTag status={r.status} />}
      </View>
      {r.memberNo && <Text className='queue-item-line muted'>会员号 {r.memberNo}</Text>}
      <View className='transfer-route'>
        <Text className='transfer-route-line'><Text className='transfer-route-label'>转出</Text>{r.fromOrgName}</Text>
        <Text className='transfer-route-line'><Text className='transfer-route-label'>转入</Text>{r.toOrgName}</Text>
      </View>
      <Text className='queue-item-line'>原因：{r.reason}</Text>
      <Text className='queue-item-line muted'>
        {r.status === 'pending' ? `提交于 ${shortTime(r.createdAt)}` : `处理于 ${r.decidedAt ? fullTime(r.decidedAt) : '—'}`}
      </Text>
      {r.status === 'rejected' && r.rejectReason && <Text className='queue-item-reason'>驳回理由：{r.rejectReason}</Text>}
      {r.status === 'pending' && (
        <View className='queue-item-actions'>
          <Button className='transfer-reject' size='small' fill='outline' disabled={busy} onClick={onReject}>
            驳回
          </Button>
          <Button className='transfer-approve' size='small' type='primary' loading={busy} onClick={onApprove}>
            通过
          </Button>
        </View>
      )}
    </View>
  )
}

function Queue({ me }: { me: Me }) {
  const [status, setStatus] = useState<RequestStatus>('pending')
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  const list = usePagedRequest('/v1/admin/transfer-requests', TransferRequestPage, { status, orgId: me.roles.length > 1 ? orgId : undefined })
  const { load } = list
  const remove = (id: string) => list.update((items) => items.filter((i) => i.id !== id))
  const [busy, setBusy] = useState<string>()
  const [rejecting, setRejecting] = useState<TransferRequest>()
  const [dialog, confirm] = useConfirm('admin-confirm')

  const failed = async (e: unknown) => {
    if (e instanceof ApiError && e.code === 'INVALID_STATE') {
      Taro.showToast({ title: '该申请已被其他干部处理', icon: 'none', duration: 2500 })
      setRejecting(undefined)
      await load(null)
    } else {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  const approve = async (r: TransferRequest) => {
    const ok = await confirm({ title: '通过转会申请', content: `确认 ${who(r)} 从${r.fromOrgName}转入${r.toOrgName}？`, confirmText: '确认通过' })
    if (!ok) return
    setBusy(r.id)
    try {
      await call('POST /v1/admin/transfer-requests/{id}/approve', ApproveResult, { params: { id: r.id } })
      remove(r.id)
      Taro.showToast({ title: '已通过，已通知会员', icon: 'none' })
    } catch (e) {
      await failed(e)
    } finally {
      setBusy(undefined)
    }
  }

  const reject = async (reason: string) => {
    const r = rejecting
    if (!r) return
    setBusy(r.id)
    try {
      await call('POST /v1/admin/transfer-requests/{id}/reject', RejectResult, { params: { id: r.id }, body: { reason } })
      setRejecting(undefined)
      remove(r.id)
      Taro.showToast({ title: '已驳回，已通知会员', icon: 'none' })
    } catch (e) {
      await failed(e)
    } finally {
      setBusy(undefined)
    }
  }

  return (
    <>
      <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} verb='审核范围' />
      <StatusTabs value={status} onChange={setStatus} />
      <PagedView
        list={list}
        rows={4}
        empty={<Blank title={EMPTY[status]} description={status === 'pending' ? '会员提交转入本辖区工会的申请后会出现在这里。' : undefined} />}
      >
        {(items) => items.map((r) => <Row key={r.id} r={r} busy={busy === r.id} onApprove={() => approve(r)} onReject={() => setRejecting(r)} />)}
      </PagedView>
      <RejectSheet
        kind='transfer'
        visible={Boolean(rejecting)}
        subject={rejecting ? `${who(rejecting)} 的转会申请` : ''}
        submitting={Boolean(rejecting && busy === rejecting.id)}
        onCancel={() => setRejecting(undefined)}
        onSubmit={reject}
      />
      {dialog}
    </>
  )
}

export default function TransferRequestsPage() {
  return (
    <Page className='admin-queue-page'>
      <SessionGate cadreOnly='转会审核'>{(me) => <Queue me={me} />}</SessionGate>
    </Page>
  )
}
