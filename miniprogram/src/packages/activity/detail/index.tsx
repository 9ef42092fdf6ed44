import { useState, type ReactNode } from 'react'
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Check, Clock, Gift, Location, Scan, User } from '@nutui/icons-react-taro'
import { Activity, CheckInResult, SignupCancelled, SignupResult, signupPhase } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import { ActivityStateTag } from '@/components/ActivityCard'
import FavoriteToggle from '@/components/FavoriteToggle'
import { useConfirm } from '@/components/ConfirmDialog'
import SessionGate from '@/components/SessionGate'
import { Blank, ResourceState } from '@/components/StateView'
import { ApiError, cancelledByUser, messageOf, call } from '@/services/api'
import { patchMe, refreshMe } from '@/services/session'
import { activityState, dayClock, onActivityDay, signupOpen, timeRange, weekdayText } from '@/utils/activity'
import { fieldOf } from '@/utils/format'
import { useResource } from '@/utils/hooks'
import { qrFromPhoto } from '@/utils/qr-photo'
import Page from '@/components/Page'
import './index.scss'

const toast = (title: string, duration = 2000) => void Taro.showToast({ title, icon: 'none', duration })

/** Why a person cannot sign up now, or undefined when they can. */
function signupBlocker(a: Activity, me: Me, now: number): string | undefined {
  if (a.status === 'cancelled') return '活动已取消'
  const phase = signupPhase(a, now)
  if (phase === 'closed') return '报名已截止'
  if (phase === 'before') return `${dayClock(a.signupOpensAt)} 开始报名`
  if (a.confirmedCount >= a.capacity && !a.waitlist) return '名额已满'
  if (me.membership.status !== 'active') return me.membership.status === 'pending' ? '入会审核中，通过后可报名' : '入会后可报名'
  return undefined
}

function InfoRow({ icon, label, children, className = '' }: { icon: ReactNode; label: string; children: ReactNode; className?: string }) {
  return (
    <View className={`detail-row ${className}`}>
      <View className='detail-row-icon'>{icon}</View>
      <Text className='detail-row-label'>{label}</Text>
      <View className='detail-row-value'>{children}</View>
    </View>
  )
}

/** On the activity's day, for a confirmed member: scan (WeChat), or photograph or paste (browser) the organiser's code. */
function CheckIn({ activity, onDone }: { activity: Activity; onDone: (points: number) => void }) {
  const [code, setCode] = useState('')
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)

  const submit = async (value: string) => {
    const trimmed = value.trim()
    if (!trimmed) {
      setError('请先输入现场签到码')
      return
    }
    setBusy(true)
    setError(undefined)
    try {
      const result = await call('POST /v1/activities/{id}/check-ins', CheckInResult, { params: { id: activity.id }, body: { code: trimmed } })
      onDone(result.pointsAwarded)
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        setError(e.details.find((d) => fieldOf(d.path) === 'code')?.message ?? e.message)
      } else {
        setError(messageOf(e))
      }
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      if (res.result) await submit(res.result)
    } catch (e) {
      if (!cancelledByUser(e)) setError('无法打开扫码，请稍后重试')
    }
  }

  const photo = async () => {
    let src: string | undefined
    try {
      const res = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      src = res.tempFilePaths[0]
    } catch (e) {
      if (!cancelledByUser(e)) setError('无法打开相机，请粘贴签到码')
      return
    }
    if (!src) return
    setBusy(true)
    setError(undefined)
    const found = await qrFromPhoto(src).catch(() => undefined)
    if (found) return submit(found)
    setBusy(false)
    setError('照片里没有找到签到二维码，请对准组织者手机上的二维码重拍')
  }

  return (
    <View className='checkin-box'>
      <Text className='checkin-box-title'>现场签到</Text>
      <Text className='checkin-box-hint'>
        {process.env.TARO_ENV === 'h5' ? '拍下组织者手机上的签到二维码' : '扫描组织者手机上的签到二维码'}
        {activity.pointsReward > 0 ? `，签到可得 ${activity.pointsReward} 积分` : ''}
      </Text>
      {process.env.TARO_ENV === 'h5' ? (
        <>
          <Button className='checkin-photo' type='primary' block loading={busy} icon={<Scan />} onClick={() => void photo()}>
            拍照扫码签到
          </Button>
          <Text className='checkin-or'>或粘贴签到码</Text>
          <View className='checkin-form'>
            <Input
              className='checkin-input'
              value={code}
              placeholder='粘贴签到码'
              clearable
              onChange={(v) => {
                setCode(v)
                if (error) setError(undefined)
              }}
            />
            <Button className='checkin-submit' loading={busy} onClick={() => void submit(code)}>
              签到
            </Button>
          </View>
        </>
      ) : (
        <Button className='checkin-scan' type='primary' block loading={busy} icon={<Scan />} onClick={() => void scan()}>
          扫码签到
        </Button>
      )}
      {error && <Text className='checkin-error'>{error}</Text>}
    </View>
  )
}

/** My signup: 已报名 / 候补第 N 位 / 已签到, with check-in on the day. */
function MyState({ activity, justAwarded, onCheckedIn }: { activity: Activity; justAwarded?: number; onCheckedIn: (n: number) => void }) {
  const mine = activity.mySignup
  if (!mine || mine.status === 'cancelled') return null
  const now = Date.now()
  const ended = now >= Date.parse(activity.endsAt)
  if (justAwarded !== undefined) {
    return (
      <View className='card my-signup checkin-success'>
        <View className='checkin-success-icon'>
          <Check size={28} color='#fff' />
        </View>
        <Text className='checkin-success-title'>签到成功</Text>
        {justAwarded > 0 ? <Text className='checkin-success-points'>+{justAwarded} 积分</Text> : <Text className='muted'>欢迎参加活动</Text>}
        {justAwarded > 0 && <Text className='muted'>积分已到账，可在“我的”中查看</Text>}
      </View>
    )
  }
  if (mine.status === 'waitlisted') {
    return (
      <View className='card my-signup my-signup-waitlisted'>
        <Text className='my-signup-title'>候补第 {mine.position ?? '—'} 位</Text>
        <Text className='muted'>有人取消报名时按顺序自动递补，递补成功会通过消息通知您。</Text>
      </View>
    )
  }
  return (
    <View className='card my-signup my-signup-confirmed'>
      <View className='my-signup-head'>
        <View className='my-signup-icon'>
          <Check size={12} color='#fff' />
        </View>
        <Text className='my-signup-title'>{mine.checkedIn ? '已签到' : '已报名'}</Text>
      </View>
      {mine.checkedIn ? (
        <Text className='muted'>感谢参加{activity.pointsReward > 0 ? `，签到奖励 ${activity.pointsReward} 积分已发放` : ''}。</Text>
      ) : activity.status === 'cancelled' ? (
        <Text className='muted'>活动已取消，无需到场。</Text>
      ) : onActivityDay(activity, now) && !ended ? (
        <CheckIn activity={activity} onDone={onCheckedIn} />
      ) : ended ? (
        <Text className='muted'>活动已结束。</Text>
      ) : (
        <Text className='muted'>请于 {dayClock(activity.startsAt)} 准时到场，活动当天可在此扫码签到。</Text>
      )}
    </View>
  )
}

function Detail({ id, me }: { id: string; me: Me }) {
  const [busy, setBusy] = useState(false)
  const [awarded, setAwarded] = useState<number>()
  const [dialog, confirm] = useConfirm('activity-confirm')
  const resource = useResource(async () => {
    const a = await call('GET /v1/activities/{id}', Activity, { params: { id } })
    if (process.env.TARO_ENV === 'weapp') void Taro.setNavigationBarTitle({ title: a.title })
    return a
  }, [id], { onShow: true })
  const { data: activity, reload: load } = resource

  useShareAppMessage(() => ({
    title: activity?.title ?? '工会活动',
    path: `/packages/activity/detail/index?id=${encodeURIComponent(id)}`,
  }))

  if (resource.status !== 'ready' || !activity) return <ResourceState resource={resource} failTitle='活动加载失败' />

  const a = activity
  const now = Date.now()
  const state = activityState(a, now)
  const mine = a.mySignup && a.mySignup.status !== 'cancelled' ? a.mySignup : undefined
  const blocker = signupBlocker(a, me, now)
  const full = a.confirmedCount >= a.capacity
  const percent = Math.min(100, Math.round((a.confirmedCount / Math.max(1, a.capacity)) * 100))

  const signUp = async () => {
    setBusy(true)
    try {
      const result = await call('POST /v1/activities/{id}/signups', SignupResult, { params: { id: a.id } })
      toast(result.status === 'confirmed' ? '报名成功' : `已加入候补，第 ${result.position ?? '—'} 位`)
    } catch (e) {
      toast(e instanceof ApiError && e.code === 'ALREADY_SIGNED_UP' ? '您已报名该活动' : messageOf(e), 2500)
    } finally {
      setBusy(false)
      await load()
    }
  }

  const cancel = async () => {
    const waiting = mine?.status === 'waitlisted'
    const ok = await confirm({
      title: waiting ? '取消候补' : '取消报名',
      content: waiting ? '取消后将失去当前候补顺位，确定取消吗？' : '取消后名额将让给候补的会员，确定取消报名吗？',
      confirmText: waiting ? '取消候补' : '取消报名',
      cancelText: '再想想',
    })
    if (!ok) return
    setBusy(true)
    try {
      await call('DELETE /v1/activities/{id}/signups/me', SignupCancelled, { params: { id: a.id } })
      toast(waiting ? '已取消候补' : '已取消报名')
    } catch (e) {
      toast(messageOf(e), 2500)
    } finally {
      setBusy(false)
      await load()
    }
  }

  const checkedIn = (points: number) => {
    setAwarded(points)
    if (points > 0) patchMe((m) => ({ ...m, points: { balance: m.points.balance + points } }))
    toast(points > 0 ? `签到成功 +${points} 积分` : '签到成功')
    void refreshMe().catch(() => {})
    void load()
  }

  const canCancel = mine && !mine.checkedIn && awarded === undefined && a.status !== 'cancelled' && now < Date.parse(a.endsAt)

  return (
    <>
      {a.coverUrl && <Image className='detail-cover' src={a.coverUrl} mode='aspectFill' />}
      <View className='card detail-hero'>
        <View className='detail-hero-head'>
          <Text className='detail-title'>{a.title}</Text>
          <ActivityStateTag state={state} />
          <FavoriteToggle kind='activity' id={a.id} className='activity-fav' />
        </View>
        {a.orgName && <Text className='detail-org'>{a.orgName}</Text>}
      </View>

      <MyState activity={a} justAwarded={awarded} onCheckedIn={checkedIn} />

      <View className='card detail-info'>
        <InfoRow icon={<Clock size={15} color='#8c8c8c' />} label='活动时间' className='detail-time'>
          <Text>{timeRange(a.startsAt, a.endsAt).replace(' ', ` ${weekdayText(a.startsAt)} `)}</Text>
        </InfoRow>
        <InfoRow icon={<Location size={15} color='#8c8c8c' />} label='活动地点' className='detail-location'>
          <Text>{a.location}</Text>
        </InfoRow>
        <InfoRow icon={<Clock size={15} color='#8c8c8c' />} label='报名时间' className='detail-signup-window'>
          {a.signupOpensAt.slice(0, 10) === a.signupClosesAt.slice(0, 10) ? (
            <Text>{timeRange(a.signupOpensAt, a.signupClosesAt)}</Text>
          ) : (
            <>
              <Text>{dayClock(a.signupOpensAt)} 开始</Text>
              <Text>{dayClock(a.signupClosesAt)} 截止</Text>
            </>
          )}
        </InfoRow>
        <InfoRow icon={<User size={15} color='#8c8c8c' />} label='报名情况' className='detail-quota'>
          <Text>
            名额 <Text className={`detail-count ${full ? 'full' : ''}`}>{a.confirmedCount}/{a.capacity}</Text> 已报
            {full ? (a.waitlist ? ' · 已满·可候补' : ' · 已满') : ''}
            {a.waitlist ? (a.waitlistCount > 0 ? ` · 候补 ${a.waitlistCount} 人` : '') : ' · 不设候补'}
          </Text>
          <View className='detail-bar'>
            <View className='detail-bar-fill' style={{ width: `${percent}%` }} />
          </View>
        </InfoRow>
        <InfoRow icon={<Gift size={15} color='#8c8c8c' />} label='签到奖励' className='detail-reward'>
          <Text className={a.pointsReward > 0 ? 'detail-points' : ''}>{a.pointsReward > 0 ? `${a.pointsReward} 积分` : '无'}</Text>
        </InfoRow>
      </View>

      <View className='card detail-description'>
        <Text className='detail-section-title'>活动介绍</Text>
        <Text className='detail-description-text'>{a.description || '组织者暂未填写活动介绍。'}</Text>
      </View>

      {a.status === 'cancelled' && (
        <View className='card detail-cancelled'>
          <Text>该活动已取消，如有疑问请联系{a.orgName ?? '主办工会'}。</Text>
        </View>
      )}

      <View className='detail-actions'>
        {a.status === 'cancelled' ? (
          <Button className='signup-blocked' block disabled>
            活动已取消
          </Button>
        ) : mine ? (
          canCancel ? (
            <Button className='signup-cancel' fill='outline' block loading={busy} onClick={() => void cancel()}>
              {mine.status === 'waitlisted' ? `取消候补（第 ${mine.position ?? '—'} 位）` : '取消报名'}
            </Button>
          ) : (
            <Button className='signup-done' block disabled>
              {mine.checkedIn || awarded !== undefined ? '已签到' : mine.status === 'waitlisted' ? `候补第 ${mine.position ?? '—'} 位` : '已报名'}
            </Button>
          )
        ) : blocker ? (
          me.membership.status === 'none' && signupOpen(a, now) ? (
            <Button className='signup-join' type='primary' block onClick={() => void Taro.navigateTo({ url: '/packages/membership/join/index' })}>
              申请入会后报名
            </Button>
          ) : (
            <Button className='signup-blocked' block disabled>
              {blocker}
            </Button>
          )
        ) : (
          <Button className='signup-button' type='primary' block loading={busy} onClick={() => void signUp()}>
            {full ? `已满·报名候补（将排候补第 ${a.waitlistCount + 1} 位）` : '立即报名'}
          </Button>
        )}
      </View>
      {dialog}
    </>
  )
}

export default function ActivityDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='activity-detail-page'>
      {id ? <SessionGate>{(me) => <Detail id={id} me={me} />}</SessionGate> : <Blank error title='活动不存在' description='链接缺少活动编号。' />}
    </Page>
  )
}
