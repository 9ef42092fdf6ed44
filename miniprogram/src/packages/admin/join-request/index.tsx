import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Tips } from '@nutui/icons-react-taro'
import { ApproveResult, JoinRequest as JoinRequestSchema, RejectResult, RevealResult, type JoinRequest } from '@union/shared/membership'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { fullTime, waitingText } from '@/utils/format'
import { useConfirm } from '@/components/ConfirmDialog'
import RejectSheet from '../components/reject-sheet'
import Page from '@/components/Page'
import '../components/admin.scss'

const QUEUE_PAGE = '/packages/admin/join-requests/index'
type PiiField = 'name' | 'idNumber' | 'phone'
const PII: { field: PiiField; label: string }[] = [
  { field: 'name', label: '姓名' },
  { field: 'idNumber', label: '身份证号' },
  { field: 'phone', label: '手机号' },
]

function goBack() {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: QUEUE_PAGE }))
}

function Review({ id }: { id: string }) {
  const [item, setItem] = useState<JoinRequest>()
  const [error, setError] = useState<string>()
  const [revealed, setRevealed] = useState<Partial<Record<PiiField, string>>>({})
  const [revealing, setRevealing] = useState<PiiField>()
  const [deciding, setDeciding] = useState<'approve' | 'reject'>()
  const [rejectOpen, setRejectOpen] = useState(false)
  const [dialog, confirm] = useConfirm('admin-confirm')

  const load = useCallback(async () => {
    setError(undefined)
    try {
      setItem(await call('GET /v1/admin/join-requests/{id}', JoinRequestSchema, { params: { id } }))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  /** Someone else decided first: say so and show the request as it now is. */
  const handleDecisionError = async (e: unknown) => {
    if (e instanceof ApiError && e.code === 'INVALID_STATE') {
      Taro.showToast({ title: '该申请已被其他干部处理', icon: 'none', duration: 2500 })
      setRejectOpen(false)
      await load()
    } else {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

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

  const approve = async () => {
    if (!item) return
    const ok = await confirm({
      title: '通过入会申请',
      content: `确认 ${revealed.name ?? item.name} 加入${item.orgName}？通过后将生成会员号并通知申请人。`,
      confirmText: '确认通过',
    })
    if (!ok) return
    setDeciding('approve')
    try {
      const result = await call('POST /v1/admin/join-requests/{id}/approve', ApproveResult, { params: { id } })
      setItem((i) => (i ? { ...i, status: 'approved', memberNo: result.memberNo } : i))
      Taro.showToast({ title: result.memberNo ? `已通过，会员号 ${result.memberNo}` : '已通过', icon: 'none', duration: 1500 })
      setTimeout(goBack, 1500)
    } catch (e) {
      await handleDecisionError(e)
    } finally {
      setDeciding(undefined)
    }
  }

  const reject = async (reason: string) => {
    setDeciding('reject')
    try {
      await call('POST /v1/admin/join-requests/{id}/reject', RejectResult, { params: { id }, body: { reason } })
      setRejectOpen(false)
      setItem((i) => (i ? { ...i, status: 'rejected', reason } : i))
      Taro.showToast({ title: '已驳回，已通知申请人', icon: 'none', duration: 1500 })
      setTimeout(goBack, 1500)
    } catch (e) {
      await handleDecisionError(e)
    } finally {
      setDeciding(undefined)
    }
  }

  if (!item && error) return <Blank error title='加载失败' description={error} actionText='重试' onAction={load} />
  if (!item) return <Loading rows={6} />

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

      {!pending && (
        <View className='card review-result'>
          <Text className='review-result-title'>{item.status === 'approved' ? '已通过' : '已驳回'}</Text>
          {item.decidedAt && <Text className='muted'>处理时间 {fullTime(item.decidedAt)}</Text>}
          {item.memberNo && <Text>会员号 {item.memberNo}</Text>}
          {item.reason && <Text>驳回理由：{item.reason}</Text>}
        </View>
      )}

      {pending && (
        <View className='review-actions'>
          <Button className='review-reject' fill='outline' size='large' disabled={Boolean(deciding)} onClick={() => setRejectOpen(true)}>
            驳回
          </Button>
          <Button className='review-approve' type='primary' size='large' loading={deciding === 'approve'} disabled={Boolean(deciding)} onClick={approve}>
            通过
          </Button>
        </View>
      )}

      <RejectSheet
        visible={rejectOpen}
        subject={`${item.name} 的入会申请`}
        submitting={deciding === 'reject'}
        onCancel={() => setRejectOpen(false)}
        onSubmit={reject}
      />
      {dialog}
    </>
  )
}

export default function JoinRequestReviewPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='review-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='入会审核只对工会干部开放。' />
          ) : !id ? (
            <Blank error title='缺少申请编号' actionText='返回审核列表' onAction={() => void Taro.redirectTo({ url: QUEUE_PAGE })} />
          ) : (
            <Review id={id} />
          )
        }
      </SessionGate>
    </Page>
  )
}
