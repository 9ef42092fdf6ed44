import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { JoinRequestPage, TransferRequestPage, type JoinRequest, type TransferRequest } from '@union/shared/membership'
import { maskIdNumber, maskPhone } from '@union/shared/id-number'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, call } from '@/services/api'
import { refreshMe } from '@/services/session'
import { fullTime } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

const JOIN_PAGE = '/packages/membership/join/index'
const TRANSFER_PAGE = '/packages/membership/transfer/index'

function Row({ label, value, className = '' }: { label: string; value?: string; className?: string }) {
  if (!value) return null
  return (
    <View className={`request-row ${className}`}>
      <Text className='request-row-label'>{label}</Text>
      <Text className='request-row-value'>{value}</Text>
    </View>
  )
}

function JoinCard({ r }: { r: JoinRequest }) {
  return (
    <View className={`card request-card join-request join-request-${r.status}`}>
      <View className='request-head'>
        <Text className='request-title'>{r.orgName}</Text>
        <RequestStatusTag status={r.status} />
      </View>
      <Row label='姓名' value={r.name} />
      <Row label='身份证号' value={maskIdNumber(r.idNumber)} />
      <Row label='手机号' value={maskPhone(r.phone)} />
      <Row label='工作单位' value={r.employer} />
      <Row label='提交时间' value={fullTime(r.createdAt)} />
      {r.decidedAt && <Row label='审核时间' value={fullTime(r.decidedAt)} />}
      {r.status === 'approved' && <Row className='request-member-no' label='会员号' value={r.memberNo} />}
      {r.status === 'rejected' && r.reason && (
        <View className='request-reason'>
          <Text className='request-reason-label'>未通过原因</Text>
          <Text className='request-reason-text'>{r.reason}</Text>
        </View>
      )}
      {r.status === 'pending' && <Text className='request-note muted'>工会干部审核后会通过“我的消息”通知您。</Text>}
    </View>
  )
}

function TransferCard({ r }: { r: TransferRequest }) {
  return (
    <View className={`card request-card transfer-request transfer-request-${r.status}`}>
      <View className='request-head'>
        <Text className='request-title'>转入 {r.toOrgName}</Text>
        <RequestStatusTag status={r.status} />
      </View>
      <Row label='转出工会' value={r.fromOrgName} />
      <Row label='转会原因' value={r.reason} />
      <Row label='提交时间' value={fullTime(r.createdAt)} />
      {r.decidedAt && <Row label='审核时间' value={fullTime(r.decidedAt)} />}
      {r.status === 'rejected' && r.rejectReason && (
        <View className='request-reason'>
          <Text className='request-reason-label'>未通过原因</Text>
          <Text className='request-reason-text'>{r.rejectReason}</Text>
        </View>
      )}
    </View>
  )
}

interface Lists {
  join: JoinRequest[]
  transfer: TransferRequest[]
}

function Requests({ me }: { me: Me }) {
  const [lists, setLists] = useState<Lists>()
  const [error, setError] = useState<string>()

  const load = useCallback(async () => {
    setError(undefined)
    try {
      const [join, transfer] = await Promise.all([
        call('GET /v1/me/join-requests', JoinRequestPage, { query: { limit: 20 } }),
        call('GET /v1/me/transfer-requests', TransferRequestPage, { query: { limit: 20 } }),
      ])
      setLists({ join: join.items, transfer: transfer.items })
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])

  // Back here after a review result: show it, and the membership it brought.
  useLoadOnShow(() => {
    void load()
    void refreshMe().catch(() => {})
  })
  usePullDownRefresh(async () => {
    await Promise.allSettled([load(), refreshMe()])
    Taro.stopPullDownRefresh()
  })

  if (!lists && error) return <Blank error title='申请记录加载失败' description={error} actionText='重试' onAction={load} />
  if (!lists) return <Loading rows={5} />

  const latestJoin = lists.join[0]
  const canReapply = latestJoin?.status === 'rejected' && me.membership.status === 'none'
  const nothing = lists.join.length === 0 && lists.transfer.length === 0

  if (nothing) {
    return me.membership.status === 'active' ? (
      <Blank title='还没有申请记录' description='需要变更所在工会时，可以申请转会。' actionText='申请转会' onAction={() => void Taro.navigateTo({ url: TRANSFER_PAGE })} />
    ) : (
      <Blank title='还没有申请记录' description='加入工会，享受会员服务与福利。' actionText='申请入会' onAction={() => void Taro.navigateTo({ url: JOIN_PAGE })} />
    )
  }

  return (
    <>
      {me.membership.status === 'active' && (
        <View className='card requests-member'>
          <Text className='requests-member-label'>当前所在工会</Text>
          <Text className='requests-member-org'>{me.membership.orgName}</Text>
          <Text className='requests-member-no'>会员号 {me.membership.memberNo}</Text>
        </View>
      )}

      {lists.join.length > 0 && (
        <>
          <View className='section-title'>入会申请</View>
          {lists.join.map((r) => (
            <JoinCard key={r.id} r={r} />
          ))}
          {canReapply && (
            <Button className='requests-reapply' type='primary' block onClick={() => void Taro.navigateTo({ url: JOIN_PAGE })}>
              重新申请
            </Button>
          )}
        </>
      )}

      {lists.transfer.length > 0 && (
        <>
          <View className='section-title'>转会申请</View>
          {lists.transfer.map((r) => (
            <TransferCard key={r.id} r={r} />
          ))}
        </>
      )}
      {error && <Text className='requests-error'>{error}</Text>}
    </>
  )
}

export default function RequestsPage() {
  return (
    <Page className='requests-page'>
      <SessionGate>{(me) => <Requests me={me} />}</SessionGate>
    </Page>
  )
}
