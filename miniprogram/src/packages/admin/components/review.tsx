import { useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import SessionGate from '@/components/SessionGate'
import Page from '@/components/Page'
import { Blank } from '@/components/StateView'
import { useConfirm, type ConfirmOptions } from '@/components/ConfirmDialog'
import { ApiError, messageOf } from '@/services/api'
import { fullTime } from '@/utils/format'
import RejectSheet from './reject-sheet'
import { leavePage } from '@/utils/leave'

/**
 * The page shell of a cadre's review of one request (入会, 建会…): cadres only, the request's id from the
 * query, everything else drawn by `children`.
 */
export function CadreReviewPage({ what, queuePage, children }: { what: string; queuePage: string; children: (id: string, me: Me) => ReactNode }) {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='review-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description={`${what}只对工会干部开放。`} />
          ) : !id ? (
            <Blank error title='缺少申请编号' actionText='返回列表' onAction={() => void Taro.redirectTo({ url: queuePage })} />
          ) : (
            children(id, me)
          )
        }
      </SessionGate>
    </Page>
  )
}

interface DecisionOptions {
  queuePage: string
  /** Reloads the request (after someone else decided first). */
  reload: () => Promise<void>
  /** Asked before approving. */
  approveConfirm: () => ConfirmOptions
  /** Sends the approval, updates the shown request and returns the toast to show. */
  approve: () => Promise<string>
  /** Sends the rejection with its reason and updates the shown request. */
  reject: (reason: string) => Promise<void>
}

/**
 * Approve and reject of a pending request: the confirmation, the reason sheet, "someone else decided
 * first" (INVALID_STATE: say so and show the request as it now is), and back to the queue.
 */
export function useReviewDecision({ queuePage, reload, approveConfirm, approve, reject }: DecisionOptions) {
  const [deciding, setDeciding] = useState<'approve' | 'reject'>()
  const [rejectOpen, setRejectOpen] = useState(false)
  const [dialog, confirm] = useConfirm('admin-confirm')

  const decide = async (which: 'approve' | 'reject', send: () => Promise<string>) => {
    setDeciding(which)
    try {
      const toast = await send()
      setRejectOpen(false)
      Taro.showToast({ title: toast, icon: 'none', duration: 1500 })
      setTimeout(() => leavePage(queuePage), 1500)
    } catch (e) {
      setRejectOpen(false)
      if (e instanceof ApiError && e.code === 'INVALID_STATE') {
        Taro.showToast({ title: '该申请已被其他干部处理', icon: 'none', duration: 2500 })
        await reload()
      } else {
        Taro.showToast({ title: messageOf(e), icon: 'none', duration: 2500 })
      }
    } finally {
      setDeciding(undefined)
    }
  }

  return {
    deciding,
    dialog,
    rejectOpen,
    openReject: () => setRejectOpen(true),
    closeReject: () => setRejectOpen(false),
    approve: async () => {
      if (await confirm(approveConfirm())) await decide('approve', approve)
    },
    reject: (reason: string) => decide('reject', async () => (await reject(reason), '已驳回，已通知申请人')),
    confirm,
  }
}

/**
 * The foot of a review: the outcome once decided, else the two actions — or, on the cadre's own request,
 * why they cannot decide it (the server refuses SELF_ACTION as well).
 */
export function ReviewDecision({ request, subject, approveText, approvedText, own = false, decision, children }: {
  request: { status: string; decidedAt?: string; reason?: string }
  /** Whose request, for the reject sheet, e.g. `张*明 的入会申请`. */
  subject: string
  approveText: string
  approvedText: string
  own?: boolean
  decision: ReturnType<typeof useReviewDecision>
  /** More lines of a decided request's outcome (e.g. the member number). */
  children?: ReactNode
}) {
  const pending = request.status === 'pending'
  const { deciding } = decision
  return (
    <>
      {!pending && (
        <View className='card review-result'>
          <Text className='review-result-title'>{request.status === 'approved' ? approvedText : '已驳回'}</Text>
          {request.decidedAt && <Text className='muted'>处理时间 {fullTime(request.decidedAt)}</Text>}
          {children}
          {request.reason && <Text>驳回理由：{request.reason}</Text>}
        </View>
      )}

      {pending && own && (
        <View className='card review-privacy'>
          <Text>这是您本人提交的申请，需由上级或同级其他干部审批。</Text>
        </View>
      )}

      {pending && !own && (
        <View className='review-actions'>
          <Button className='review-reject' fill='outline' size='large' disabled={Boolean(deciding)} onClick={decision.openReject}>
            驳回
          </Button>
          <Button className='review-approve' type='primary' size='large' loading={deciding === 'approve'} disabled={Boolean(deciding)} onClick={() => void decision.approve()}>
            {approveText}
          </Button>
        </View>
      )}

      <RejectSheet visible={decision.rejectOpen} subject={subject} submitting={deciding === 'reject'} onCancel={decision.closeReject} onSubmit={(reason) => void decision.reject(reason)} />
      {decision.dialog}
    </>
  )
}
