import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Tips } from '@nutui/icons-react-taro'
import { ApproveResult, JoinRequest as JoinRequestSchema, RejectResult, RevealResult, type JoinRequest } from '@union/shared/membership'
import RequestStatusTag from '@/components/RequestStatus'
import { ResourceState } from '@/components/StateView'
import { useResource } from '@/utils/hooks'
import { messageOf, call } from '@/services/api'
import { fullTime, waitingText } from '@/utils/format'
import type { Me } from '@union/shared/me'
import { CadreReviewPage, ReviewDecision, useReviewDecision } from '../components/review'
import '../components/admin.scss'

const QUEUE_PAGE = '/packages/admin/join-requests/index'
type PiiField = 'name' | 'idNumber' | 'phone'
const PII: { field: PiiField; label: string }[] = [
  { field: 'name', label: '姓名' },
  { field: 'idNumber', label: '身份证号' },
  { field: 'phone', label: '手机号' },
]

function Review({ id, me }: { id: string; me: Me }) {
  const [revealed, setRevealed] = useState<Partial<Record<PiiField, string>>>({})
  const [revealing, setRevealing] = useState<PiiField>()
  const request = useResource(() => call('GET /v1/admin/join-requests/{id}', JoinRequestSchema, { params: { id } }), [id])
  const { data: item, reload: load, update } = request
  const setItem = (change: (i: JoinRequest) => JoinRequest) => update(change)

  const reveal = async (field: PiiField, label: string) => {
    const ok = await confirm({
      title: `查看完整${label}`,
      content: `查看申请人的完整${label}将被记录（查看人、时间、内容项），仅限审核使用，请勿外传。`,
      confirmText: '确认查看',
    })
    if (!ok) return
    setRevealing(field)
    try {
      const answer = await call('POST /v1/admin/join-requests/{id}/reveal', RevealResult, { params: { id }, body: { field } })
      setRevealed((r) => ({ ...r, [field]: answer.value }))
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setRevealing(undefined)
    }
  }

  const decision = useReviewDecision({
    queuePage: QUEUE_PAGE,
    reload: load,
    approveConfirm: () => ({
      title: '通过入会申请',
      content: `确认 ${revealed.name ?? item?.name ?? ''} 加入${item?.orgName ?? ''}？通过后将生成会员号并通知申请人。`,
      confirmText: '确认通过',
    }),
    approve: async () => {
      const result = await call('POST /v1/admin/join-requests/{id}/approve', ApproveResult, { params: { id } })
      setItem((i) => ({ ...i, status: 'approved', memberNo: result.memberNo }))
      return result.memberNo ? `已通过，会员号 ${result.memberNo}` : '已通过'
    },
    reject: async (reason) => {
      await call('POST /v1/admin/join-requests/{id}/reject', RejectResult, { params: { id }, body: { reason } })
      setItem((i) => ({ ...i, status: 'rejected', reason }))
    },
  })
  const { confirm } = decision

  if (request.status !== 'ready' || !item) return <ResourceState resource={request} failTitle='加载失败' />

  const pending = item.status === 'pending'
  return (
    <>
      <View className='card review-head'>
        <View className='review-head-top'>
          <Text className='review-org'>{item.orgName}</Text>
          <RequestStatusTag status={item.status} />
        </View>
        <Text className='muted'>
          提交于 {fullTime(item.createdAt)}
          {pending && item.waitingSeconds !== undefined ? ` · ${waitingText(item.waitingSeconds)}` : ''}
        </Text>
      </View>

      <View className='section-title'>申请人信息</View>
      <View className='card review-fields'>
        {PII.map(({ field, label }) => (
          <View key={field} className={`review-field review-field-${field}`}>
            <Text className='review-field-label'>{label}</Text>
            <Text className={`review-field-value ${revealed[field] ? 'revealed' : ''}`}>{revealed[field] ?? item[field]}</Text>
            {!revealed[field] && (
              <Button className={`review-reveal review-reveal-${field}`} size='small' fill='outline' loading={revealing === field} onClick={() => reveal(field, label)}>
                查看
              </Button>
            )}
          </View>
        ))}
        <View className='review-field'>
          <Text className='review-field-label'>工作单位</Text>
          <Text className='review-field-value'>{item.employer}</Text>
        </View>
      </View>

      <View className='card review-privacy'>
        <Tips size={14} color='#d48806' />
        <Text>个人信息默认脱敏显示。点击“查看”显示完整内容，每次查看都会记入审计日志。</Text>
      </View>

      <ReviewDecision request={item} subject={`${item.name} 的入会申请`} approveText='通过' approvedText='已通过' own={item.userId === me.id} decision={decision}>
        {item.memberNo && <Text>会员号 {item.memberNo}</Text>}
      </ReviewDecision>
    </>
  )
}

export default function JoinRequestReviewPage() {
  return (
    <CadreReviewPage what='入会审核' queuePage={QUEUE_PAGE}>
      {(id, me) => <Review id={id} me={me} />}
    </CadreReviewPage>
  )
}
