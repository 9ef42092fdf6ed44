import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Tips } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { JoinRequestCreated, JoinRequestInput, JoinRequestPage, type JoinRequest } from '@union/shared/membership'
import { PHONE_PATTERN, idNumberProblem, normaliseIdNumber } from '@union/shared/id-number'
import OrgPicker, { type PickedOrg } from '@/components/OrgPicker'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { refreshMe } from '@/services/session'
import PrivacyConsent from '../components/privacy-consent'
import { TextFields, readyToSend, schemaProblem, showServerFieldErrors, type TextFieldSpec } from '@/components/TextFields'
import Page from '@/components/Page'
import '@/styles/form.scss'
import '../components/form-intro.scss'
import './index.scss'

const REQUESTS_PAGE = '/packages/membership/requests/index'
const VERIFY_PAGE = '/packages/membership/verify/index'

type TextField = 'name' | 'idNumber' | 'phone' | 'employer'
type Field = TextField | 'orgId'
type Values = Record<TextField, string>
type Errors = Partial<Record<Field, string>>

/** The same rules the API applies (shared/), so mistakes show before anything is sent. */
function problemOf(field: Field, values: Values, org?: PickedOrg): string | undefined {
  switch (field) {
    case 'name':
      return values.name.trim() ? schemaProblem(JoinRequestInput.shape.name, values.name) : '请输入真实姓名'
    case 'idNumber':
      return values.idNumber.trim() ? idNumberProblem(values.idNumber) : '请输入身份证号'
    case 'phone':
      return !values.phone.trim() ? '请输入手机号码' : PHONE_PATTERN.test(values.phone.trim()) ? undefined : '请输入 11 位手机号码'
    case 'employer':
      return values.employer.trim() ? schemaProblem(JoinRequestInput.shape.employer, values.employer) : '请填写工作单位'
    case 'orgId':
      return org ? undefined : '请选择要加入的基层工会'
  }
}

const FIELDS: TextFieldSpec<TextField>[] = [
  { key: 'name', label: '姓名', placeholder: '与身份证一致的真实姓名', type: 'text', maxLength: 30 },
  { key: 'idNumber', label: '身份证号', placeholder: '18 位居民身份证号', type: 'idcard', maxLength: 18 },
  { key: 'phone', label: '手机号', placeholder: '11 位手机号码', type: 'number', maxLength: 11 },
  { key: 'employer', label: '工作单位', placeholder: '所在企业或单位全称', type: 'text', maxLength: 60 },
]

/** Asks (weapp only, on the tap) whether WeChat may tell the applicant the result. */
async function askNotifyConsent(): Promise<boolean | undefined> {
  const template = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_JOIN
  if (process.env.TARO_ENV !== 'weapp' || !template) return undefined
  try {
    const answer = await Taro.requestSubscribeMessage({ tmplIds: [template] } as Taro.requestSubscribeMessage.Option)
    return (answer as unknown as Record<string, unknown>)[template] === 'accept'
  } catch {
    return false
  }
}

const JOIN_PRIVACY = [
  '收集内容：姓名、身份证号、手机号、工作单位。',
  '使用目的：仅用于入会审核与会员管理。',
  '保护措施：加密存储，页面上脱敏显示。',
  '查看范围：只有您所申请工会的审核干部可以查看，每次查看都会记录在案。',
  '您可以随时在“我的申请”中查看所提交的信息。',
]

function JoinForm({ previous }: { previous?: JoinRequest }) {
  const rejected = previous?.status === 'rejected' ? previous : undefined
  const [values, setValues] = useState<Values>({
    name: rejected?.name ?? '',
    idNumber: rejected?.idNumber ?? '',
    phone: rejected?.phone ?? '',
    employer: rejected?.employer ?? '',
  })
  const [org, setOrg] = useState<PickedOrg | undefined>(rejected ? { id: rejected.orgId, name: rejected.orgName } : undefined)
  const [errors, setErrors] = useState<Errors>({})
  const [agreed, setAgreed] = useState(false)
  const [agreeError, setAgreeError] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  // The 身份证号 is already in a union's roster: this person needs 会员认证, not a review.
  const [inRoster, setInRoster] = useState<string>()

  const setValue = (key: TextField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    // A corrected field stops showing its old error as soon as it is valid.
    if (errors[key] && !problemOf(key, { ...values, [key]: value }, org)) setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const check = (key: Field, vals = values, picked = org) => setErrors((e) => ({ ...e, [key]: problemOf(key, vals, picked) }))

  const submit = async () => {
    if (submitting) return
    const all: Errors = {}
    for (const key of ['name', 'idNumber', 'phone', 'employer', 'orgId'] as Field[]) all[key] = problemOf(key, values, org)
    if (!readyToSend(all, setErrors, { agreed, refuse: () => setAgreeError(true), notice: '个人信息保护说明' })) return
    setSubmitting(true)
    // Must run in the tap itself (WeChat allows the subscribe prompt only in a user gesture).
    const notifyConsent = await askNotifyConsent()
    try {
      await call('POST /v1/join-requests', JoinRequestCreated, { body: {
          name: values.name.trim(),
          idNumber: normaliseIdNumber(values.idNumber),
          phone: values.phone.trim(),
          employer: values.employer.trim(),
          orgId: org!.id,
          ...(notifyConsent === undefined ? {} : { notifyConsent }),
        } })
      Taro.showToast({ title: '申请已提交', icon: 'success' })
      // No refreshMe here: it would flash "已有待审核的申请" over the form for the toast's 600 ms. The
      // requests page refreshes who I am when it shows.
      setTimeout(() => void Taro.redirectTo({ url: REQUESTS_PAGE }), 600)
    } catch (error) {
      setSubmitting(false)
      if (showServerFieldErrors(error, setErrors)) return
      if (error instanceof ApiError && (error.code === 'REQUEST_PENDING' || error.code === 'ALREADY_MEMBER')) {
        await refreshMe().catch(() => {})
        Taro.showModal({ title: '无法提交', content: error.message, showCancel: false, confirmText: '查看我的申请' }).then(() => Taro.redirectTo({ url: REQUESTS_PAGE }))
        return
      }
      if (error instanceof ApiError && error.code === 'IN_ROSTER') {
        setInRoster(error.message)
        return
      }
      if (error instanceof ApiError && error.code === 'ID_NUMBER_IN_USE') setErrors((e) => ({ ...e, idNumber: error.message }))
      if (error instanceof ApiError && error.code === 'NOT_FOUND') setErrors((e) => ({ ...e, orgId: '该工会不存在，请重新选择' }))
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    }
  }

  return (
    <View className='join-form'>
      <View className='form-intro'>
        <Text className='form-intro-title'>加入工会</Text>
        <Text className='form-intro-text'>填写真实信息并选择所在单位的基层工会，提交后由该工会干部审核。</Text>
        <Text className='join-intro-verify' onClick={() => void Taro.redirectTo({ url: VERIFY_PAGE })}>
          已经是工会会员？去会员认证 ›
        </Text>
      </View>

      {rejected && (
        <View className='card join-rejected'>
          <Tips size={14} color='#d9001b' />
          <Text className='join-rejected-text'>
            上次申请未通过{rejected.reason ? `：${rejected.reason}` : ''}。已带入上次填写的信息，修改后可重新提交。
          </Text>
        </View>
      )}

      <View className='card form-card'>
        <TextFields fields={FIELDS} values={values} errors={errors} onChange={setValue} onBlur={(key, v) => check(key, { ...values, [key]: v })} />
        <View className='form-field-wrap field-orgId'>
          <OrgPicker
            value={org}
            error={errors.orgId}
            onChange={(o) => {
              setOrg(o)
              check('orgId', values, o)
            }}
          />
        </View>
      </View>

      <PrivacyConsent
        items={JOIN_PRIVACY}
        agreed={agreed}
        error={agreeError && !agreed}
        onChange={(v) => {
          setAgreed(v)
          if (v) setAgreeError(false)
        }}
      />

      {inRoster && (
        <View className='card join-in-roster'>
          <Text className='join-in-roster-title'>您已在工会会员名册中</Text>
          <Text className='join-in-roster-text'>{inRoster}</Text>
          <Button className='join-go-verify' type='primary' size='large' block onClick={() => void Taro.redirectTo({ url: VERIFY_PAGE })}>
            去会员认证
          </Button>
        </View>
      )}

      <View className='form-actions'>
        <Button className='form-submit join-submit' type='primary' size='large' block loading={submitting} onClick={submit}>
          提交入会申请
        </Button>
        <Text className='muted join-footnote'>审核结果会通过“我的消息”通知您。</Text>
      </View>
    </View>
  )
}

function JoinContent({ me }: { me: Me }) {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; latest?: JoinRequest; error?: string }>({ status: 'loading' })

  const load = async () => {
    setState({ status: 'loading' })
    try {
      const page = await call('GET /v1/me/join-requests', JoinRequestPage, { query: { limit: 1 } })
      setState({ status: 'ready', latest: page.items[0] })
    } catch (error) {
      setState({ status: 'error', error: messageOf(error) })
    }
  }
  useEffect(() => {
    void load()
  }, [])

  const m = me.membership
  if (m.status === 'active') {
    return (
      <Blank
        title='您已是工会会员'
        description={`${m.orgName ?? ''} · 会员号 ${m.memberNo ?? ''}。如需变更所在工会，请申请转会。`}
        actionText='申请转会'
        onAction={() => void Taro.redirectTo({ url: '/packages/membership/transfer/index' })}
      />
    )
  }
  if (state.status === 'loading') return <Loading rows={6} />
  if (state.status === 'error') return <Blank error title='加载失败' description={state.error} actionText='重试' onAction={load} />
  if (m.status === 'pending' || state.latest?.status === 'pending') {
    return (
      <Blank
        title='入会申请审核中'
        description='您已有一份待审核的申请，审核结果会通过“我的消息”通知您。'
        actionText='查看我的申请'
        onAction={() => void Taro.redirectTo({ url: REQUESTS_PAGE })}
      />
    )
  }
  return <JoinForm previous={state.latest} />
}

export default function JoinPage() {
  return (
    <Page className='join-page'>
      <SessionGate>{(me) => <JoinContent me={me} />}</SessionGate>
    </Page>
  )
}
