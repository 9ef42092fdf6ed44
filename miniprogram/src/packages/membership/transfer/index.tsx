import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import { TransferRequestCreated, TransferRequestInput, TransferRequestPage, type TransferRequest } from '@union/shared/membership'
import OrgPicker, { type PickedOrg } from '@/components/OrgPicker'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { fieldOf } from '@/utils/format'
import Page from '@/components/Page'
import '@/styles/form.scss'
import './index.scss'

const REQUESTS_PAGE = '/packages/membership/requests/index'

type Errors = Partial<Record<'toOrgId' | 'reason', string>>

function reasonProblem(reason: string): string | undefined {
  const result = TransferRequestInput.shape.reason.safeParse(reason)
  return result.success ? undefined : result.error.issues[0]?.message
}

function TransferForm({ me }: { me: Me }) {
  const [org, setOrg] = useState<PickedOrg>()
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [submitting, setSubmitting] = useState(false)

  const submit = async () => {
    if (submitting) return
    const next: Errors = { toOrgId: org ? undefined : '请选择要转入的基层工会', reason: reasonProblem(reason) }
    setErrors(next)
    if (next.toOrgId || next.reason) {
      Taro.showToast({ title: '请检查标红的内容', icon: 'none' })
      return
    }
    setSubmitting(true)
    try {
      await call('POST /v1/transfer-requests', TransferRequestCreated, { body: { toOrgId: org!.id, reason: reason.trim() } })
      Taro.showToast({ title: '转会申请已提交', icon: 'success' })
      setTimeout(() => void Taro.redirectTo({ url: REQUESTS_PAGE }), 600)
    } catch (error) {
      setSubmitting(false)
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && error.details.length) {
        const server: Errors = {}
        for (const d of error.details) server[fieldOf(d.path) as keyof Errors] ??= d.message
        setErrors((e) => ({ ...e, ...server }))
        Taro.showToast({ title: error.details[0].message, icon: 'none' })
        return
      }
      if (error instanceof ApiError && error.code === 'REQUEST_PENDING') {
        Taro.showModal({ title: '无法提交', content: '您已有一份待审核的转会申请。', showCancel: false, confirmText: '查看我的申请' }).then(() => Taro.redirectTo({ url: REQUESTS_PAGE }))
        return
      }
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    }
  }

  return (
    <>
      <View className='card transfer-current'>
        <Text className='transfer-current-label'>当前所在工会</Text>
        <Text className='transfer-current-org'>{me.membership.orgName}</Text>
        <Text className='transfer-current-no'>会员号 {me.membership.memberNo}</Text>
      </View>

      <View className='section-title'>转入工会</View>
      <View className='card form-card'>
        <View className='form-field-wrap field-toOrgId'>
          <OrgPicker
            label='转入工会'
            placeholder='搜索并选择要转入的基层工会'
            value={org}
            excludeOrgId={me.membership.orgId}
            error={errors.toOrgId}
            onChange={(o) => {
              setOrg(o)
              setErrors((e) => ({ ...e, toOrgId: undefined }))
            }}
          />
        </View>
        <View className='form-textarea field-reason'>
          <Text className='form-label required'>转会原因</Text>
          <TextArea
            value={reason}
            placeholder='例如：已调入新单位工作，需要转入新单位工会'
            maxLength={200}
            showCount
            autoSize
            status={errors.reason ? 'error' : 'default'}
            onChange={(v) => {
              setReason(v)
              if (errors.reason && !reasonProblem(v)) setErrors((e) => ({ ...e, reason: undefined }))
            }}
            onBlur={() => setErrors((e) => ({ ...e, reason: reasonProblem(reason) }))}
          />
          {errors.reason && <Text className='field-error'>{errors.reason}</Text>}
        </View>
      </View>

      <View className='card transfer-tips'>
        <Text className='muted transfer-tips-text'>转会申请由转入工会（或其上级工会）的干部审核。审核通过前，您的会员关系和积分都保持不变。</Text>
      </View>

      <View className='form-actions'>
        <Button className='form-submit transfer-submit' type='primary' size='large' block loading={submitting} onClick={submit}>
          提交转会申请
        </Button>
      </View>
    </>
  )
}

function TransferContent({ me }: { me: Me }) {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; pending?: TransferRequest; error?: string }>({ status: 'loading' })
  const load = useCallback(async () => {
    setState({ status: 'loading' })
    try {
      const page = await call('GET /v1/me/transfer-requests', TransferRequestPage, { query: { limit: 5 } })
      setState({ status: 'ready', pending: page.items.find((r) => r.status === 'pending') })
    } catch (error) {
      setState({ status: 'error', error: messageOf(error) })
    }
  }, [])
  const active = me.membership.status === 'active'
  useEffect(() => {
    if (active) void load()
  }, [active, load])

  if (!active) {
    return (
      <Blank
        title='仅限工会会员'
        description='转会申请只对已入会的会员开放，请先申请加入工会。'
        actionText='申请入会'
        onAction={() => void Taro.redirectTo({ url: '/packages/membership/join/index' })}
      />
    )
  }
  if (state.status === 'loading') return <Loading rows={5} />
  if (state.status === 'error') return <Blank error title='加载失败' description={state.error} actionText='重试' onAction={load} />
  if (state.pending) {
    return (
      <Blank
        title='转会申请审核中'
        description={`您申请转入${state.pending.toOrgName}，正在等待审核。`}
        actionText='查看我的申请'
        onAction={() => void Taro.redirectTo({ url: REQUESTS_PAGE })}
      />
    )
  }
  return <TransferForm me={me} />
}

export default function TransferPage() {
  return (
    <Page className='transfer-page'>
      <SessionGate>{(me) => <TransferContent me={me} />}</SessionGate>
    </Page>
  )
}
