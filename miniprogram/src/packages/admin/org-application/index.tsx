import { useCallback, useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { OrgApplication as OrgApplicationSchema, OrgApplicationDecision, type OrgApplication } from '@union/shared/org-applications'
import RequestStatusTag from '@/components/RequestStatus'
import SessionGate from '@/components/SessionGate'
import Page from '@/components/Page'
import { Blank, Loading } from '@/components/StateView'
import { useConfirm } from '@/components/ConfirmDialog'
import { ApiError, call, messageOf } from '@/services/api'
import { fullTime } from '@/utils/format'
import RejectSheet from '../components/reject-sheet'
import '../components/admin.scss'

const QUEUE_PAGE = '/packages/admin/org-applications/index'

function goBack() {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: QUEUE_PAGE }))
}

function Field({ label, value }: { label: string; value: string | number }) {
  return (
    <View className='review-field'>
      <Text className='review-field-label'>{label}</Text>
      <Text className='review-field-value'>{value}</Text>
    </View>
  )
}

function Review({ id, me }: { id: string; me: Me }) {
  const [item, setItem] = useState<OrgApplication>()
  const [error, setError] = useState<string>()
  const [deciding, setDeciding] = useState<'approve' | 'reject'>()
  const [rejectOpen, setRejectOpen] = useState(false)
  const [dialog, confirm] = useConfirm('admin-confirm')

  const load = useCallback(async () => {
    setError(undefined)
    try {
      setItem(await call('GET /v1/admin/org-applications/{id}', OrgApplicationSchema, { params: { id } }))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  const handleDecisionError = async (e: unknown) => {
    setRejectOpen(false)
    if (e instanceof ApiError && e.code === 'INVALID_STATE') {
      Taro.showToast({ title: '该申请已被其他干部处理', icon: 'none', duration: 2500 })
      await load()
    } else {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 2500 })
    }
  }

  const approve = async () => {
    if (!item) return
    const ok = await confirm({
      title: '批准建会',
      content: `批准后将在${item.parentName}之下成立“${item.name}”，并任命申请人为该工会的首位管理员。`,
      confirmText: '确认批准',
    })
    if (!ok) return
    setDeciding('approve')
    try {
      const result = await call('POST /v1/admin/org-applications/{id}/approve', OrgApplicationDecision, { params: { id } })
      setItem((i) => (i ? { ...i, status: 'approved', orgId: result.orgId } : i))
      Taro.showToast({ title: '已批准，工会已成立', icon: 'none', duration: 1500 })
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
      await call('POST /v1/admin/org-applications/{id}/reject', OrgApplicationDecision, { params: { id }, body: { reason } })
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
  const own = item.userId === me.id
  return (
    <>
      <View className='card review-head'>
        <View className='review-head-top'>
          <Text className='review-org'>{item.name}</Text>
          <RequestStatusTag status={item.status} />
        </View>
        <Text className='muted'>提交于 {fullTime(item.createdAt)}</Text>
      </View>

      <View className='section-title'>申请信息</View>
      <View className='card review-fields'>
        <Field label='上级工会' value={item.parentName} />
        <Field label='单位名称' value={item.employer} />
        <Field label='信用代码' value={item.creditCode} />
        <Field label='职工人数' value={`${item.workforce} 人`} />
        <Field label='联系人' value={item.contactName} />
        <Field label='联系电话' value={item.contactPhone} />
      </View>

      {!pending && (
        <View className='card review-result'>
          <Text className='review-result-title'>{item.status === 'approved' ? '已批准' : '已驳回'}</Text>
          {item.decidedAt && <Text className='muted'>处理时间 {fullTime(item.decidedAt)}</Text>}
          {item.reason && <Text>驳回理由：{item.reason}</Text>}
        </View>
      )}

      {pending && own && (
        <View className='card review-privacy'>
          <Text>这是您本人提交的申请，需由上级或同级其他干部审批。</Text>
        </View>
      )}

      {pending && !own && (
        <View className='review-actions'>
          <Button className='review-reject' fill='outline' size='large' disabled={Boolean(deciding)} onClick={() => setRejectOpen(true)}>
            驳回
          </Button>
          <Button className='review-approve' type='primary' size='large' loading={deciding === 'approve'} disabled={Boolean(deciding)} onClick={approve}>
            批准
          </Button>
        </View>
      )}

      <RejectSheet
        visible={rejectOpen}
        subject={`${item.name} 的建会申请`}
        submitting={deciding === 'reject'}
        onCancel={() => setRejectOpen(false)}
        onSubmit={reject}
      />
      {dialog}
    </>
  )
}

export default function OrgApplicationReviewPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='review-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='建会审批只对工会干部开放。' />
          ) : !id ? (
            <Blank error title='缺少申请编号' actionText='返回审批列表' onAction={() => void Taro.redirectTo({ url: QUEUE_PAGE })} />
          ) : (
            <Review id={id} me={me} />
          )
        }
      </SessionGate>
    </Page>
  )
}
