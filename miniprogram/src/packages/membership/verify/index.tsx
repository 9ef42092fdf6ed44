import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { VerificationInput, VerificationResult } from '@union/shared/roster'
import { PHONE_PATTERN, idNumberProblem, normaliseIdNumber } from '@union/shared/id-number'
import PrivacyPopup from '@/components/PrivacyPopup'
import SessionGate from '@/components/SessionGate'
import { Blank } from '@/components/StateView'
import { ApiError, call, messageOf } from '@/services/api'
import { refreshMe } from '@/services/session'
import PrivacyConsent from '../components/privacy-consent'
import { TextFields, readyToSend, showServerFieldErrors, type TextFieldSpec } from '@/components/TextFields'
import '@/styles/form.scss'
import '../components/form-intro.scss'
import './index.scss'

const HOME = '/pages/index/index'
const JOIN = '/packages/membership/join/index'

type Field = 'name' | 'idNumber' | 'phone'
type Values = Record<Field, string>
type Errors = Partial<Record<Field, string>>

const VERIFY_PRIVACY = [
  '收集内容：姓名、身份证号，以及您选填的手机号。',
  '使用目的：仅用于与所在工会登记的会员名册核对，确认您是会员本人。',
  '保护措施：加密传输和存储，页面上只显示脱敏后的号码。',
  '为防止他人冒用，核对不通过的尝试会被记录，每人每天最多尝试 5 次。',
  '认证后，您的会员信息与当前微信绑定；更换微信时需由工会干部解绑。',
]

/** The same rules the API applies (shared/), shown before anything is sent. */
function problemOf(field: Field, values: Values): string | undefined {
  switch (field) {
    case 'name': {
      if (!values.name.trim()) return '请输入姓名'
      const result = VerificationInput.shape.name.safeParse(values.name)
      return result.success ? undefined : result.error.issues[0]?.message
    }
    case 'idNumber':
      return values.idNumber.trim() ? idNumberProblem(values.idNumber) : '请输入身份证号'
    case 'phone':
      return !values.phone.trim() || PHONE_PATTERN.test(values.phone.trim()) ? undefined : '请输入 11 位手机号码，或不填'
  }
}

/** What the person reads when the server says no: never which field did not match. */
type Refusal = { kind: 'failed' | 'bound' | 'tomorrow' | 'other'; title: string; text: string }

function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && error.code === 'VERIFICATION_FAILED') {
    return {
      kind: 'failed',
      title: '未能通过核对',
      text: '填写的信息与工会会员名册不一致，或您还不在名册中。请核对后再试；如果确认无误，请联系所在工会，确认名册中已登记您的信息。',
    }
  }
  if (error instanceof ApiError && error.code === 'ALREADY_BOUND') {
    return {
      kind: 'bound',
      title: '这份会员信息已绑定其他微信',
      text: '如果是您本人换了手机或微信，请联系所在工会的干部，在“管理 → 会员查询”中为您解绑后，再回到这里认证。',
    }
  }
  if (error instanceof ApiError && (error.code === 'RATE_LIMITED' || error.status === 429)) {
    return { kind: 'tomorrow', title: '今天的尝试次数已用完', text: '为保护会员信息，每人每天最多尝试 5 次。请明天再试，或联系所在工会核对名册信息。' }
  }
  return { kind: 'other', title: '认证没有完成', text: messageOf(error) }
}

const FIELDS: TextFieldSpec<Field>[] = [
  { key: 'name', label: '姓名', placeholder: '与身份证一致的姓名', type: 'text', maxLength: 30 },
  { key: 'idNumber', label: '身份证号', placeholder: '18 位居民身份证号', type: 'idcard', maxLength: 18 },
  { key: 'phone', label: '手机号', placeholder: '选填，见下方说明', type: 'number', maxLength: 11, required: false },
]

function VerifyForm() {
  const [values, setValues] = useState<Values>({ name: '', idNumber: '', phone: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [agreed, setAgreed] = useState(false)
  const [agreeError, setAgreeError] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [refusal, setRefusal] = useState<Refusal>()

  const setValue = (key: Field, value: string) => {
    const next = { ...values, [key]: value }
    setValues(next)
    setRefusal(undefined)
    // 身份证号 is checked as it is typed, once all 18 characters are there; others when corrected.
    const complete = key === 'idNumber' && normaliseIdNumber(value).length >= 18
    if (complete || (errors[key] && !problemOf(key, next))) setErrors((e) => ({ ...e, [key]: problemOf(key, next) }))
  }
  const check = (key: Field, vals: Values) => setErrors((e) => ({ ...e, [key]: problemOf(key, vals) }))

  const submit = async () => {
    if (submitting) return
    const all: Errors = { name: problemOf('name', values), idNumber: problemOf('idNumber', values), phone: problemOf('phone', values) }
    if (!readyToSend(all, setErrors, { agreed, refuse: () => setAgreeError(true), notice: '个人信息保护说明' })) return
    setSubmitting(true)
    setRefusal(undefined)
    try {
      const phone = values.phone.trim()
      await call('POST /v1/member-verifications', VerificationResult, {
        body: { name: values.name.trim(), idNumber: normaliseIdNumber(values.idNumber), ...(phone ? { phone } : {}) },
      })
      // The member home reads the membership from Me: bring it up to date before landing there.
      await refreshMe().catch(() => {})
      Taro.showToast({ title: '认证成功', icon: 'success' })
      setTimeout(() => void Taro.switchTab({ url: HOME }), 600)
    } catch (error) {
      setSubmitting(false)
      if (showServerFieldErrors(error, setErrors)) return
      if (error instanceof ApiError && (error.code === 'ALREADY_MEMBER' || error.code === 'REQUEST_PENDING')) {
        // Became a member meanwhile (another device, a cadre's approval): the page shows it.
        await refreshMe().catch(() => {})
        return
      }
      setRefusal(refusalOf(error))
    }
  }

  return (
    <View className='verify-form'>
      <View className='form-intro'>
        <Text className='form-intro-title'>会员认证</Text>
        <Text className='form-intro-text'>已经是工会会员？您所在的工会已把会员名册登记在系统中。填写与名册一致的姓名和身份证号，核对通过后立即成为会员，显示您的会员号，不需要再审核。</Text>
      </View>

      <View className='card form-card'>
        <TextFields fields={FIELDS} values={values} errors={errors} onChange={setValue} onBlur={(key, v) => check(key, { ...values, [key]: v })} />
        <Text className='verify-phone-note'>手机号：如果工会登记名册时留了您的手机号，需要填写同一个号码才能通过核对；不确定可以先不填。</Text>
      </View>

      <PrivacyConsent
        items={VERIFY_PRIVACY}
        agreed={agreed}
        error={agreeError && !agreed}
        onChange={(v) => {
          setAgreed(v)
          if (v) setAgreeError(false)
        }}
      />

      {refusal && (
        <View className={`card verify-refusal verify-refusal-${refusal.kind}`}>
          <View className='verify-refusal-head'>
            <Tips size={16} color='#a8071a' />
            <Text className='verify-refusal-title'>{refusal.title}</Text>
          </View>
          <Text className='verify-refusal-text'>{refusal.text}</Text>
        </View>
      )}

      <View className='form-actions'>
        <Button className='form-submit verify-submit' type='primary' size='large' block loading={submitting} disabled={refusal?.kind === 'tomorrow'} onClick={submit}>
          认证并成为会员
        </Button>
        <Text className='verify-join-link' onClick={() => void Taro.redirectTo({ url: JOIN })}>
          不在名册中？申请入会 ›
        </Text>
      </View>
    </View>
  )
}

function VerifyContent({ me }: { me: Me }) {
  const m = me.membership
  if (m.status === 'active') {
    return (
      <Blank
        title='您已是工会会员'
        description={`${m.orgName ?? ''}${m.memberNo ? ` · 会员号 ${m.memberNo}` : ''}`}
        actionText='回到首页'
        onAction={() => void Taro.switchTab({ url: HOME })}
      />
    )
  }
  if (m.status === 'pending') {
    // The API refuses a claim while a join request waits (REQUEST_PENDING): one way in at a time.
    return (
      <Blank
        title='入会申请审核中'
        description='您已有一份待审核的入会申请，审核结果会通过“我的消息”通知您。'
        actionText='查看我的申请'
        onAction={() => void Taro.redirectTo({ url: '/packages/membership/requests/index' })}
      />
    )
  }
  return <VerifyForm />
}

export default function VerifyPage() {
  return (
    <View className='page verify-page'>
      <SessionGate>{(me) => <VerifyContent me={me} />}</SessionGate>
      <PrivacyPopup />
    </View>
  )
}
