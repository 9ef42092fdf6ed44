import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Activity, CheckInCode } from '@union/shared/activities'
import QrCode from '@/components/QrCode'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, call } from '@/services/api'
import { timeRange } from '@/utils/activity'
import Page from '@/components/Page'
import './index.scss'

/** A code lives for one 30-second slot (and is still accepted in the next one). */
const SLOT_SECONDS = 30
/** Poll at least this often: the checked-in count, and a code whose expiry the device clock misjudged. */
const POLL_MS = 5000

function keepScreenOn(on: boolean) {
  if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: on }).catch(() => {})
}

function CheckInBoard({ id }: { id: string }) {
  const [activity, setActivity] = useState<Activity>()
  const [code, setCode] = useState<{ code: string; expiresAt: number }>()
  const [fatal, setFatal] = useState<string>()
  const [offline, setOffline] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const [visible, setVisible] = useState(true)
  const expiresAt = useRef(0)

  const refresh = useCallback(async () => {
    const [c, a] = await Promise.allSettled([
      call('GET /v1/admin/activities/{id}/check-in-code', CheckInCode, { params: { id } }),
      call('GET /v1/activities/{id}', Activity, { params: { id } }),
    ])
    if (a.status === 'fulfilled') setActivity(a.value)
    if (c.status === 'fulfilled') {
      expiresAt.current = Date.parse(c.value.expiresAt)
      setCode({ code: c.value.code, expiresAt: expiresAt.current })
      setOffline(false)
      setFatal(undefined)
    } else if (c.reason instanceof ApiError && c.reason.status >= 400 && c.reason.status < 500) {
      // Cancelled, out of scope, not found: nothing to show until something changes.
      setFatal(messageOf(c.reason))
    } else {
      setOffline(true)
    }
  }, [id])

  // Fetch now, then just after the code expires or within POLL_MS, whichever is first; only while shown.
  useEffect(() => {
    if (!visible) return
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      await refresh()
      if (stopped) return
      const untilExpiry = expiresAt.current - Date.now() + 300
      timer = setTimeout(() => void tick(), Math.max(1000, Math.min(POLL_MS, untilExpiry)))
    }
    void tick()
    const clock = setInterval(() => setNow(Date.now()), 500)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
      clearInterval(clock)
    }
  }, [visible, refresh])

  useDidShow(() => {
    setVisible(true)
    keepScreenOn(true)
  })
  useDidHide(() => {
    setVisible(false)
    keepScreenOn(false)
  })
  useUnload(() => keepScreenOn(false))
  useEffect(() => {
    keepScreenOn(true)
    return () => keepScreenOn(false)
  }, [])

  if (fatal) return <Blank error title='无法显示签到码' description={fatal} actionText='重试' onAction={() => { setFatal(undefined); void refresh() }} />
  if (!code) {
    return offline ? <Blank error title='签到码加载失败' description='网络不给力，正在重试…' actionText='立即重试' onAction={() => void refresh()} /> : <Loading rows={8} />
  }

  const left = Math.max(0, Math.min(SLOT_SECONDS, Math.ceil((code.expiresAt - now) / 1000)))
  return (
    <View className='checkin-board'>
      <View className='checkin-head'>
        <Text className='checkin-title'>{activity?.title ?? '现场签到'}</Text>
        {activity && <Text className='checkin-sub'>{timeRange(activity.startsAt, activity.endsAt)} · {activity.location}</Text>}
      </View>

      <View className='checkin-card'>
        <Text className='checkin-card-title'>扫码签到</Text>
        <QrCode className='checkin-qr' value={code.code} />
        <View className='checkin-countdown'>
          <View className='checkin-countdown-bar'>
            <View className='checkin-countdown-fill' style={{ width: `${(left / SLOT_SECONDS) * 100}%` }} />
          </View>
          <Text className='checkin-countdown-text'>{offline ? '网络异常，正在重新获取…' : left > 0 ? `${left} 秒后自动刷新` : '正在刷新…'}</Text>
        </View>
        <Text className='checkin-code' selectable userSelect>{code.code}</Text>
      </View>

      <View className='checkin-stats'>
        <View className='checkin-stat'>
          <Text className='checkin-stat-value checkin-count'>{activity?.checkedInCount ?? 0}</Text>
          <Text className='checkin-stat-label'>已签到</Text>
        </View>
        <View className='checkin-stat'>
          <Text className='checkin-stat-value'>{activity?.confirmedCount ?? '—'}</Text>
          <Text className='checkin-stat-label'>已报名</Text>
        </View>
        {activity && activity.pointsReward > 0 && (
          <View className='checkin-stat'>
            <Text className='checkin-stat-value'>{activity.pointsReward}</Text>
            <Text className='checkin-stat-label'>每人得积分</Text>
          </View>
        )}
      </View>
      <Text className='checkin-hint'>请已报名的会员打开“指尖上的工会”小程序，进入活动详情点“扫码签到”。二维码每 30 秒更换，截图无效。</Text>
    </View>
  )
}

export default function CheckInPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <Page className='checkin-page'>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='签到码只对活动组织者开放。' />
          ) : id ? (
            <CheckInBoard id={id} />
          ) : (
            <Blank error title='活动不存在' description='链接缺少活动编号。' />
          )
        }
      </SessionGate>
    </Page>
  )
}
