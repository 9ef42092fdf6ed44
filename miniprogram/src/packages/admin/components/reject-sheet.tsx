import { RejectInput } from '@union/shared/membership'
import ReasonSheet from '@/components/ReasonSheet'

/** Reasons a cadre taps instead of typing: a join request carries 姓名 and 身份证号, a transfer does not. */
const QUICK_REASONS = {
  join: ['信息填写不完整', '姓名与身份证号不符', '非本单位职工', '请选择所在单位的工会'],
  transfer: ['非本单位职工', '请选择新单位所在的基层工会', '转会原因不清楚，请补充说明'],
}

function problemOf(reason: string): string | undefined {
  const result = RejectInput.shape.reason.safeParse(reason)
  return result.success ? undefined : result.error.issues[0]?.message
}

/** The reason sheet of a rejection (the reason is sent to the applicant). */
export default function RejectSheet({ kind = 'join', visible, subject, submitting, onCancel, onSubmit }: {
  /** Which request is rejected (its quick reasons). */
  kind?: keyof typeof QUICK_REASONS
  visible: boolean
  /** Whose request, e.g. `张*明 的入会申请`. */
  subject: string
  submitting: boolean
  onCancel: () => void
  onSubmit: (reason: string) => void
}) {
  return (
    <ReasonSheet
      className='reject-sheet'
      visible={visible}
      title='驳回申请'
      subject={subject}
      hint='驳回理由会通知申请人，请写清楚需要如何修改。'
      quickReasons={QUICK_REASONS[kind]}
      placeholder='请填写驳回理由（必填）'
      submitText='确认驳回'
      submitting={submitting}
      problemOf={problemOf}
      onCancel={onCancel}
      onSubmit={onSubmit}
    />
  )
}
