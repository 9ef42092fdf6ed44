import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import { ShieldCheck } from '@nutui/icons-react-taro'
import { creditCodeProblem, normaliseCreditCode } from '@union/shared/credit-code'
import { PHONE_PATTERN } from '@union/shared/id-number'
import { FOUNDING_PARENT_LEVELS, OrgApplicationCreated, OrgApplicationInput } from '@union/shared/org-applications'
import OrgPicker, { type PickedOrg } from '@/components/OrgPicker'
import SessionGate from '@/components/SessionGate'
import Page from '@/components/Page'
import { ApiError, call, messageOf } from '@/services/api'
import { TextFields, readyToSend, schemaProblem, serverFieldErrors, type TextFieldSpec } from '@/components/TextFields'
import '@/styles/form.scss'
import '../org-apply.scss'

const MINE_PAGE = '/packages/org-apply/mine/index'

type TextField = 'employer' | 'creditCode' | 'name' | 'workforce' | 'contactName' | 'contactPhone'
type Field = TextField | 'parentId'
type Values = Record<TextField, string>
type Errors = Partial<Record<Field, string>>

const FIELDS: TextFieldSpec<TextField>[] = [
  { key: 'employer', label: '单位名称', placeholder: '营业执照上的单位全称', type: 'text', maxLength: 60 },
  { key: 'creditCode', label: '信用代码', placeholder: '18 位统一社会信用代码', type: 'text', maxLength: 22 },
  { key: 'name', label: '工会名称', placeholder: '如：某某有限公司工会', type: 'text', maxLength: 40 },
  { key: 'workforce', label: '职工人数', placeholder: '本单位在职职工人数', type: 'number', maxLength: 7 },
  { key: 'contactName', label: '联系人', placeholder: '经办人真实姓名', type: 'text', maxLength: 30 },
  { key: 'contactPhone', label: '联系电话', placeholder: '11 位手机号码', type: 'number', maxLength: 11 },
]

/** The rules the API applies (shared/): the credit code's check character is verified right here. */
function problemOf(field: Field, v: Values, parent?: PickedOrg): string | undefined {
  switch (field) {
    case 'employer':
      return v.employer.trim() ? schemaProblem(OrgApplicationInput.shape.employer, v.employer) : '请填写单位名称'
    case 'creditCode':
      return v.creditCode.trim() ? creditCodeProblem(v.creditCode) : '请填写统一社会信用代码'
    case 'name':
      return v.name.trim() ? schemaProblem(OrgApplicationInput.shape.name, v.name) : '请填写拟成立的工会名称'
    case 'workforce': {
      const n = Number(v.workforce)
      return !v.workforce.trim() ? '请填写职工人数' : Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? undefined : '职工人数应为 1 到 100 万之间的整数'
    }
    case 'contactName':
      return v.contactName.trim() ? schemaProblem(OrgApplicationInput.shape.contactName, v.contactName) : '请填写联系人姓名'
    case 'contactPhone':
      return !v.contactPhone.trim() ? '请填写联系电话' : PHONE_PATTERN.test(v.contactPhone.trim()) ? undefined : '请输入 11 位手机号码'
    case 'parentId':
      return parent ? undefined : '请选择上级工会（县区工会或产业工会）'
  }
}

function ApplyForm() {
  const [values, setValues] = useState<Values>({ employer: '', creditCode: '', name: '', workforce: '', contactName: '', contactPhone: '' })
  const [parent, setParent] = useState<PickedOrg>()
  const [errors, setErrors] = useState<Errors>({})
  const [agreed, setAgreed] = useState(false)
  const [agreeError, setAgreeError] = useState(false)
  const [submitting, setSubmitting] = useState(false)

  const setValue = (key: TextField, value: string) => {
    const next = { ...values, [key]: value }
    setValues(next)
    // The credit code is checked as soon as it is complete; other fields on blur. Fixed errors clear at once.
    if (key === 'creditCode' && normaliseCreditCode(value).length >= 18) setErrors((e) => ({ ...e, creditCode: problemOf('creditCode', next) }))
    else if (errors[key] && !problemOf(key, next, parent)) setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const check = (key: Field, vals = values, picked = parent) => setErrors((e) => ({ ...e, [key]: problemOf(key, vals, picked) }))
  /** A union is usually named after its employer: offer it once the employer is known. */
  const suggestName = (employer: string) => {
    if (!values.name.trim() && employer.trim().length >= 2) setValues((v) => ({ ...v, name: `${employer.trim()}工会`.slice(0, 40) }))
  }

  const submit = async () => {
    if (submitting) return
    const all: Errors = {}
    for (const key of [...FIELDS.map((f) => f.key), 'parentId'] as Field[]) all[key] = problemOf(key, values, parent)
    if (!readyToSend(all, setErrors, { agreed, refuse: () => setAgreeError(true), notice: '个人信息处理说明' })) return
    setSubmitting(true)
    try {
      await call('POST /v1/org-applications', OrgApplicationCreated, {
        body: {
          name: values.name.trim(), parentId: parent!.id, employer: values.employer.trim(), creditCode: normaliseCreditCode(values.creditCode),
          contactName: values.contactName.trim(), contactPhone: values.contactPhone.trim(), workforce: Number(values.workforce),
        },
      })
      Taro.showToast({ title: '申请已提交', icon: 'success' })
      setTimeout(() => void Taro.redirectTo({ url: MINE_PAGE }), 600)
    } catch (error) {
      setSubmitting(false)
      const server = serverFieldErrors(error)
      if (server) {
        setErrors((e) => ({ ...e, ...server }))
      } else if (error instanceof ApiError && error.code === 'REQUEST_PENDING') {
        setErrors((e) => ({ ...e, creditCode: error.message }))
      } else if (error instanceof ApiError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_STATE')) {
        setErrors((e) => ({ ...e, parentId: error.message }))
      }
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    }
  }

  return (
    <View className='found-form'>
      <View className='found-intro'>
        <Text className='found-intro-title'>申请成立基层工会</Text>
        <Text className='found-intro-text'>企业、事业单位可申请在所在地的县区工会或产业工会之下成立工会。批准后，申请人成为新工会的管理员。</Text>
      </View>

      <View className='card form-card'>
        <TextFields
          fields={FIELDS}
          values={values}
          errors={errors}
          onChange={setValue}
          onBlur={(key, v) => {
            check(key, { ...values, [key]: v })
            if (key === 'employer') suggestName(v)
          }}
        />
        <View className='form-field-wrap field-parentId'>
          <OrgPicker
            value={parent}
            error={errors.parentId}
            label='上级工会'
            placeholder='选择所在地县区工会或产业工会'
            title='选择上级工会'
            levels={FOUNDING_PARENT_LEVELS}
            unpickableNote='请选择其下的县区工会'
            onChange={(o) => {
              setParent(o)
              check('parentId', values, o)
            }}
          />
        </View>
      </View>

      <View className={`card found-privacy ${agreeError && !agreed ? 'has-error' : ''}`}>
        <View className='found-privacy-title'>
          <ShieldCheck size={16} color='#d9001b' />
          <Text>个人信息处理说明</Text>
        </View>
        <Text className='found-privacy-text'>联系人姓名和电话仅用于建会审批联系，加密存储；审批干部看到的是脱敏信息。</Text>
        <View className='found-privacy-agree' onClick={() => { setAgreed(!agreed); setAgreeError(false) }}>
          <Checkbox checked={agreed} onChange={() => {}} />
          <Text>我已阅读并同意</Text>
        </View>
        {agreeError && !agreed && <Text className='field-error found-privacy-error'>请先阅读并勾选同意</Text>}
      </View>

      <View className='form-actions'>
        <Button className='form-submit found-submit' type='primary' size='large' loading={submitting} onClick={submit}>
          提交申请
        </Button>
      </View>
      <Text className='muted found-mine-link' onClick={() => void Taro.navigateTo({ url: MINE_PAGE })}>
        查看我的建会申请
      </Text>
    </View>
  )
}

export default function OrgApplyPage() {
  return (
    <Page className='found-page'>
      <SessionGate>{() => <ApplyForm />}</SessionGate>
    </Page>
  )
}
