import { Text, View } from '@tarojs/components'
import type { Me } from '@union/shared/me'
import { OrgApplication as OrgApplicationSchema, OrgApplicationDecision, type OrgApplication } from '@union/shared/org-applications'
import RequestStatusTag from '@/components/RequestStatus'
import { ResourceState } from '@/components/StateView'
import { call } from '@/services/api'
import { useResource } from '@/utils/hooks'
import { fullTime } from '@/utils/format'
import { CadreReviewPage, ReviewDecision, useReviewDecision } from '../components/review'
import '../components/admin.scss'

const QUEUE_PAGE = '/packages/admin/org-applications/index'

function Field({ label, value }: { label: string; value: string | number }) {
  return (
    <View className='review-field'>
      <Text className='review-field-label'>{label}</Text>
      <Text className='review-field-value'>{value}</Text>
    </View>
  )
}

function Review({ id, me }: { id: string; me: Me }) {
  const request = useResource(() => call('GET /v1/admin/org-applications/{id}', OrgApplicationSchema, { params: { id } }), [id])
  const { data: item, reload: load, update } = request
  const setItem = (change: (i: OrgApplication) => OrgApplication) => update(change)

  const decision = useReviewDecision({
    queuePage: QUEUE_PAGE,
    reload: load,
    approveConfirm: () => ({
      title: '批准建会',
      content: `批准后将在${item?.parentName ?? ''}之下成立“${item?.name ?? ''}”，并任命申请人为该工会的首位管理员。`,
      confirmText: '确认批准',
    }),
    approve: async () => {
      const result = await call('POST /v1/admin/org-applications/{id}/approve', OrgApplicationDecision, { params: { id } })
      setItem((i) => ({ ...i, status: 'approved', orgId: result.orgId }))
      return '已批准，工会已成立'
    },
    reject: async (reason) => {
      await call('POST /v1/admin/org-applications/{id}/reject', OrgApplicationDecision, { params: { id }, body: { reason } })
      setItem((i) => ({ ...i, status: 'rejected', reason }))
    },
  })

  if (request.status !== 'ready' || !item) return <ResourceState resource={request} failTitle='加载失败' />

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

      <ReviewDecision request={item} subject={`${item.name} 的建会申请`} approveText='批准' approvedText='已批准' own={item.userId === me.id} decision={decision} />
    </>
  )
}

export default function OrgApplicationReviewPage() {
  return (
    <CadreReviewPage what='建会审批' queuePage={QUEUE_PAGE}>
      {(id, me) => <Review id={id} me={me} />}
    </CadreReviewPage>
  )
}
