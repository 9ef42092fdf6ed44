import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { RejectInput } from '@union/shared/membership'
import './reject-sheet.scss'

const QUICK_REASONS = ['信息填写不完整', '姓名与身份证号不符', '非本单位职工', '请选择所在单位的工会']

function problemOf(reason: string): string | undefined {
  const result = RejectInput.shape.reason.safeParse(reason)
  return result.success ? undefined : result.error.issues[0]?.message
}

/** A bottom sheet asking for the (required) reason of a rejection. */
export default function RejectSheet({ visible, subject, submitting, onCancel, onSubmit }: {
  visible: boolean
  /** Whose request, e.g. `张*明 的入会申请`. */
  subject: string
  submitting: boolean
  onCancel: () => void
  onSubmit: (reason: string) => void
}) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  useEffect(() => {
    if (visible) {
      setReason('')
      setError(undefined)
    }
  }, [visible])

  const submit = () => {
    const problem = problemOf(reason)
    setError(problem)
    if (!problem) onSubmit(reason.trim())
  }

  return (
    <Popup visible={visible} position='bottom' round closeable title='驳回申请' className='reject-sheet' onClose={onCancel}>
      <View className='reject-sheet-body'>
        <Text className='reject-sheet-subject'>{subject}</Text>
        <Text className='reject-sheet-hint'>驳回理由会通知申请人，请写清楚需要如何修改。</Text>
        <View className='reject-sheet-quick'>
          {QUICK_REASONS.map((r) => (
            <Text key={r} className='reject-sheet-chip' onClick={() => { setReason(r); setError(undefined) }}>
              {r}
            </Text>
          ))}
        </View>
        <TextArea
          className='reject-reason'
          value={reason}
          placeholder='请填写驳回理由（必填）'
          maxLength={200}
          showCount
          status={error ? 'error' : 'default'}
          onChange={(v) => {
            setReason(v)
            if (error && !problemOf(v)) setError(undefined)
          }}
        />
        {error && <Text className='reject-sheet-error'>{error}</Text>}
        <View className='reject-sheet-actions'>
          <Button className='reject-sheet-cancel' fill='outline' onClick={onCancel}>
            取消
          </Button>
          <Button className='reject-sheet-submit' type='primary' loading={submitting} onClick={submit}>
            确认驳回
          </Button>
        </View>
      </View>
    </Popup>
  )
}
