import { useCallback, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input, Switch, TextArea } from '@nutui/nutui-react-taro'
import { Activity, ActivityInput, timeOrderProblems, type ActivityPatch } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import { useConfirm } from '@/components/ConfirmDialog'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { fieldOf } from '@/utils/format'
import { useLoadOnShow } from '@/utils/hooks'
import { DateTimeRow, WallPicker, type Picking } from '../components/datetime-fields'
import OrgScopePicker, { type PickedOrg } from '../components/org-scope-picker'
import { addMinutes, isoFromWall, minutesBetween, nextWholeHour, wallFromIso, wallNow, type Wall } from '../components/wall-time'
import Page from '@/components/Page'
import '@/styles/form.scss'
import '../components/admin-activity.scss'
import { leavePage } from '@/utils/leave'

const LIST_PAGE = '/packages/admin-activity/list/index'
const TIME_FIELDS = ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const
type TimeField = (typeof TIME_FIELDS)[number]
const TIME_LABELS: Record<TimeField, string> = { startsAt: '开始时间', endsAt: '结束时间', signupOpensAt: '报名开始', signupClosesAt: '报名截止' }

interface Values extends Record<TimeField, Wall> {
  title: string
  description: string
  location: string
  capacity: string
  pointsReward: string
  waitlist: boolean
}
type Field = keyof Values | 'orgId'
type Errors = Partial<Record<Field, string>>

const toast = (title: string, duration = 2000) => void Taro.showToast({ title, icon: 'none', duration })

/** A new activity: starts at the next whole hour for two hours; signup open from now until the start. */
function blankValues(): Values {
  const startsAt = nextWholeHour()
  return {
    title: '', description: '', location: '', capacity: '50', pointsReward: '10', waitlist: true,
    startsAt, endsAt: addMinutes(startsAt, 120), signupOpensAt: wallNow(), signupClosesAt: startsAt,
  }
}

function valuesOf(a: Activity): Values {
  return {
    title: a.title, description: a.description, location: a.location, capacity: String(a.capacity), pointsReward: String(a.pointsReward), waitlist: a.waitlist,
    startsAt: wallFromIso(a.startsAt), endsAt: wallFromIso(a.endsAt), signupOpensAt: wallFromIso(a.signupOpensAt), signupClosesAt: wallFromIso(a.signupClosesAt),
  }
}

const number = (v: string) => (v.trim() === '' ? NaN : Number(v.trim()))

/** What the API receives (times with the China offset). */
function inputOf(v: Values, orgId: string) {
  return {
    title: v.title.trim(), description: v.description.trim(), location: v.location.trim(), orgId,
    startsAt: isoFromWall(v.startsAt), endsAt: isoFromWall(v.endsAt), signupOpensAt: isoFromWall(v.signupOpensAt), signupClosesAt: isoFromWall(v.signupClosesAt),
    capacity: number(v.capacity), pointsReward: number(v.pointsReward), waitlist: v.waitlist,
  }
}

/** The shared schema's messages per field, plus the order of the four times said per field. */
function problemsOf(v: Values, orgId: string, isNew: boolean): Errors {
  const errors: Errors = {}
  const parsed = ActivityInput.safeParse(inputOf(v, orgId))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '') as Field
      if (key && !(key in errors) && !TIME_FIELDS.includes(key as TimeField)) errors[key] = issue.message
    }
  }
  if (v.capacity.trim() === '') errors.capacity = '请填写名额'
  if (v.pointsReward.trim() === '') errors.pointsReward = '请填写签到奖励积分，不奖励填 0'
  const now = wallNow(1)
  const order = timeOrderProblems(v)
  if (order.endsAt) errors.endsAt = order.endsAt
  else if (isNew && v.endsAt <= now) errors.endsAt = '结束时间已过'
  if (order.signupClosesAt) errors.signupClosesAt = order.signupClosesAt
  else if (isNew && v.signupClosesAt <= now) errors.signupClosesAt = '报名截止时间已过，会员将无法报名'
  return errors
}

function Form({ me, original }: { me: Me; original?: Activity }) {
  const isNew = !original
  const cancelled = original?.status === 'cancelled'
  const [values, setValues] = useState<Values>(() => (original ? valuesOf(original) : blankValues()))
  const [org, setOrg] = useState<PickedOrg>(() =>
    original ? { id: original.orgId, name: original.orgName ?? original.orgId } : { id: me.roles[0].orgId, name: me.roles[0].orgName },
  )
  const [errors, setErrors] = useState<Errors>({})
  const [submitted, setSubmitted] = useState(false)
  const [busy, setBusy] = useState<'save' | 'cancel'>()
  // A new activity's end and signup close follow its start until the cadre sets them.
  const [linked, setLinked] = useState({ endsAt: isNew, signupClosesAt: isNew })
  const [picking, setPicking] = useState<Picking<TimeField>>()
  const [dialog, confirm] = useConfirm('activity-form-confirm')

  const update = (patch: Partial<Values>) => {
    const next = { ...values, ...patch }
    setValues(next)
    if (submitted) setErrors(problemsOf(next, org.id, isNew))
  }

  const setTime = (field: TimeField, wall: Wall) => {
    const patch: Partial<Values> = { [field]: wall }
    if (field === 'startsAt') {
      if (linked.endsAt) patch.endsAt = addMinutes(wall, Math.max(30, minutesBetween(values.startsAt, values.endsAt)))
      if (linked.signupClosesAt) patch.signupClosesAt = wall
    } else if (field === 'endsAt' || field === 'signupClosesAt') {
      setLinked((l) => ({ ...l, [field]: false }))
    }
    update(patch)
  }

  const leave = () => leavePage(LIST_PAGE)

  const serverErrors = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && e.details.length) {
      const server: Errors = {}
      for (const d of e.details) server[fieldOf(d.path) as Field] ??= d.message
      setErrors((x) => ({ ...x, ...server }))
      toast(e.details[0].message, 2500)
      return
    }
    toast(messageOf(e), 2500)
  }

  const save = async () => {
    setSubmitted(true)
    const problems = problemsOf(values, org.id, isNew)
    setErrors(problems)
    if (Object.keys(problems).length) {
      toast('请检查标红的内容')
      return
    }
    const input = inputOf(values, org.id)
    if (isNew) {
      setBusy('save')
      try {
        await call('POST /v1/admin/activities', Activity, { body: input })
        Taro.showToast({ title: '活动已发布', icon: 'success', duration: 1200 })
        setTimeout(leave, 800)
      } catch (e) {
        serverErrors(e)
        setBusy(undefined)
      }
      return
    }
    const before = inputOf(valuesOf(original), original.orgId)
    const patch: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(input)) if (k !== 'orgId' && before[k as keyof typeof before] !== v) patch[k] = v
    if (Object.keys(patch).length === 0) {
      toast('没有需要保存的修改')
      return
    }
    const people = original.confirmedCount + original.waitlistCount
    if (people > 0) {
      const ok = await confirm({ title: '保存修改', content: `已报名和候补的 ${people} 位会员会收到活动变更通知。`, confirmText: '保存并通知' })
      if (!ok) return
    }
    setBusy('save')
    try {
      await call('PATCH /v1/admin/activities/{id}', Activity, { params: { id: original.id }, body: patch as ActivityPatch })
      Taro.showToast({ title: '已保存', icon: 'success', duration: 1200 })
      setTimeout(leave, 800)
    } catch (e) {
      serverErrors(e)
      setBusy(undefined)
    }
  }

  const cancelActivity = async () => {
    if (!original) return
    const people = original.confirmedCount + original.waitlistCount
    const ok = await confirm({
      title: '取消活动',
      content: `取消后会员将不能报名和签到${people > 0 ? `，已报名和候补的 ${people} 位会员会收到取消通知` : ''}。此操作不能撤销。`,
      confirmText: '确认取消活动',
      cancelText: '不取消',
    })
    if (!ok) return
    setBusy('cancel')
    try {
      await call('POST /v1/admin/activities/{id}/cancel', Activity, { params: { id: original.id } })
      Taro.showToast({ title: '活动已取消', icon: 'success', duration: 1200 })
      setTimeout(leave, 800)
    } catch (e) {
      toast(messageOf(e), 2500)
      setBusy(undefined)
    }
  }

  const textField = (key: 'title' | 'location', label: string, placeholder: string, maxLength: number) => (
    <View className='form-field-wrap'>
      <View className={`form-field field-${key} ${errors[key] ? 'has-error' : ''}`}>
        <Text className='form-label required'>{label}</Text>
        <Input name={key} value={values[key]} placeholder={placeholder} maxLength={maxLength} clearable disabled={cancelled} onChange={(v) => update({ [key]: v })} onClear={() => update({ [key]: '' })} />
      </View>
      {errors[key] && <Text className={`field-error field-error-${key}`}>{errors[key]}</Text>}
    </View>
  )
  const numberField = (key: 'capacity' | 'pointsReward', label: string, unit: string, placeholder: string, hint?: string) => (
    <View className='form-field-wrap'>
      <View className={`form-field field-${key} ${errors[key] ? 'has-error' : ''}`}>
        <Text className='form-label required'>{label}</Text>
        <Input name={key} type='number' value={values[key]} placeholder={placeholder} maxLength={6} disabled={cancelled} onChange={(v) => update({ [key]: v.replace(/\D/g, '') })} />
        <Text className='form-unit'>{unit}</Text>
      </View>
      {errors[key] && <Text className={`field-error field-error-${key}`}>{errors[key]}</Text>}
      {hint && !errors[key] && <Text className='form-hint'>{hint}</Text>}
    </View>
  )
  const timeRow = (field: TimeField) => (
    <DateTimeRow field={field} label={TIME_LABELS[field]} value={values[field]} error={errors[field]} disabled={cancelled} onPick={setPicking} />
  )

  return (
    <>
      {cancelled && (
        <View className='card activity-form-cancelled'>
          <Text>该活动已取消，不能再修改。</Text>
        </View>
      )}
      {original && !cancelled && original.confirmedCount + original.waitlistCount > 0 && (
        <Text className='muted activity-form-notice'>已有 {original.confirmedCount} 人报名、{original.waitlistCount} 人候补；保存修改后他们会收到通知。</Text>
      )}

      <View className='activity-form-section'>基本信息</View>
      <View className='card form-card'>
        {textField('title', '活动标题', '2–40 个字，如“职工读书分享会”', 40)}
        {textField('location', '活动地点', '详细地址，如“职工之家 3 楼”', 100)}
        <View className='form-field-wrap field-orgId'>
          <OrgScopePicker roles={me.roles} value={org} onChange={setOrg} disabled={!isNew} />
          {errors.orgId && <Text className='field-error'>{errors.orgId}</Text>}
        </View>
        <View className='form-field-wrap'>
          <View className='form-textarea field-description'>
            <Text className='form-label'>活动介绍</Text>
            <TextArea
              value={values.description}
              placeholder='活动内容、参加对象、注意事项等（选填）'
              maxLength={2000}
              showCount
              autoSize
              disabled={cancelled}
              onChange={(v) => update({ description: v })}
            />
            {errors.description && <Text className='field-error'>{errors.description}</Text>}
          </View>
        </View>
      </View>

      <View className='activity-form-section'>活动时间</View>
      <View className='card form-card'>
        {timeRow('startsAt')}
        {timeRow('endsAt')}
      </View>

      <View className='activity-form-section'>报名与签到</View>
      <View className='card form-card'>
        {timeRow('signupOpensAt')}
        {timeRow('signupClosesAt')}
        {numberField('capacity', '名额', '人', '最多可报名人数')}
        <View className='form-field-wrap'>
          <View className='form-field field-waitlist'>
            <Text className='form-label'>候补</Text>
            <Text className='form-switch-text'>{values.waitlist ? '名额满后可排队候补' : '名额满后停止报名'}</Text>
            <Switch className='waitlist-switch' checked={values.waitlist} disabled={cancelled} onChange={(v) => update({ waitlist: v })} />
          </View>
        </View>
        {numberField('pointsReward', '签到奖励', '积分', '0 表示不奖励', '现场扫码签到成功后发放，每人一次。')}
      </View>

      {!cancelled && (
        <View className='activity-form-actions'>
          {!isNew && (
            <Button className='activity-cancel-button' fill='outline' loading={busy === 'cancel'} disabled={Boolean(busy)} onClick={() => void cancelActivity()}>
              取消活动
            </Button>
          )}
          <Button className='activity-submit' type='primary' loading={busy === 'save'} disabled={Boolean(busy)} onClick={() => void save()}>
            {isNew ? '发布活动' : '保存修改'}
          </Button>
        </View>
      )}

      {picking && (
        <WallPicker
          key={`${picking.field}-${picking.part}`}
          title={`${TIME_LABELS[picking.field]} · ${picking.part === 'date' ? '日期' : '时间'}`}
          part={picking.part}
          value={values[picking.field]}
          onConfirm={(w) => setTime(picking.field, w)}
          onClose={() => setPicking(undefined)}
        />
      )}
      {dialog}
    </>
  )
}

function EditExisting({ id, me }: { id: string; me: Me }) {
  const [state, setState] = useState<{ status: 'loading' | 'ready' | 'error'; activity?: Activity; error?: string }>({ status: 'loading' })
  const load = useCallback(async () => {
    try {
      const activity = await call('GET /v1/activities/{id}', Activity, { params: { id } })
      setState({ status: 'ready', activity })
    } catch (e) {
      setState({ status: 'error', error: messageOf(e) })
    }
  }, [id])
  // Loaded once: a reload on show would throw away what the cadre is typing.
  useLoadOnShow(() => {
    if (state.status !== 'ready') void load()
  })
  if (state.status === 'loading') return <Loading rows={8} />
  if (state.status === 'error' || !state.activity) {
    return <Blank error title='活动加载失败' description={state.error} actionText='重试' onAction={() => { setState({ status: 'loading' }); void load() }} />
  }
  return <Form me={me} original={state.activity} />
}

export default function ActivityEditPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  useLoadOnShow(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '编辑活动' })
  })
  return (
    <Page className='activity-form-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='发布活动只对工会干部开放。' />
          ) : id ? (
            <EditExisting id={id} me={me} />
          ) : (
            <Form me={me} />
          )
        }
      </SessionGate>
    </Page>
  )
}
