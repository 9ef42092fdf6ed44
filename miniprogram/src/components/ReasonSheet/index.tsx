import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import './index.scss'

export interface ReasonSheetProps {
  visible: boolean
  /** The sheet's title, e.g. 驳回申请. */
  title: string
  /** Whom it concerns, e.g. `张*明 的入会申请`. */
  subject: string
  hint: string
  quickReasons: string[]
  placeholder: string
  submitText: string
  submitting: boolean
  /** The reason's problem by the shared schema of the route, or undefined when it is acceptable. */
  problemOf: (reason: string) => string | undefined
  onCancel: () => void
  onSubmit: (reason: string) => void
  className?: string
}

/**
 * A bottom sheet asking for the (required) reason of a cadre's action — a rejection, an unbinding —
 * with a few quick reasons to tap. Used by subpackages only, so it is bundled with them.
 */
export default function ReasonSheet({ visible, title, subject, hint, quickReasons, placeholder, submitText, submitting, problemOf, onCancel, onSubmit, className = '' }: ReasonSheetProps) {
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
    <Popup visible={visible} position='bottom' round closeable title={title} className={`reason-sheet ${className}`} onClose={onCancel}>
      <View className='reason-sheet-body'>
        <Text className='reason-sheet-subject'>{subject}</Text>
        <Text className='reason-sheet-hint'>{hint}</Text>
        <View className='reason-sheet-quick'>
          {quickReasons.map((r) => (
            <Text key={r} className='reason-sheet-chip' onClick={() => { setReason(r); setError(undefined) }}>
              {r}
            </Text>
          ))}
        </View>
        <TextArea
          className='reason-sheet-text'
          value={reason}
          placeholder={placeholder}
          maxLength={200}
          showCount
          status={error ? 'error' : 'default'}
          onChange={(v) => {
            setReason(v)
            if (error && !problemOf(v)) setError(undefined)
          }}
        />
        {error && <Text className='reason-sheet-error'>{error}</Text>}
        <View className='reason-sheet-actions'>
          <Button className='reason-sheet-cancel' fill='outline' onClick={onCancel}>
            取消
          </Button>
          <Button className='reason-sheet-submit' type='primary' loading={submitting} onClick={submit}>
            {submitText}
          </Button>
        </View>
      </View>
    </Popup>
  )
}
