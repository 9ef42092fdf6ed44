import { Tag } from '@nutui/nutui-react-taro'
import type { RequestStatus as Status } from '@union/shared/membership'
import './index.scss'

export const STATUS_TEXT: Record<Status, string> = { pending: '审核中', approved: '已通过', rejected: '未通过' }
const STATUS_TYPE = { pending: 'warning', approved: 'success', rejected: 'danger' } as const

/** 审核中 / 已通过 / 未通过 as a coloured tag. */
export default function RequestStatusTag({ status }: { status: Status }) {
  return (
    <Tag className={`request-status request-status-${status}`} type={STATUS_TYPE[status]} plain round>
      {STATUS_TEXT[status]}
    </Tag>
  )
}
