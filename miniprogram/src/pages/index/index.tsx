import { useCallback, useEffect, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Checked } from '@nutui/icons-react-taro'
import type { Me } from '@union/shared/me'
import { SignInCalendar as CalendarSchema, SignInResult, type SignInCalendar as Calendar } from '@union/shared/points'
import { chinaDay, chinaMonth } from '@union/shared/china-day'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import SignInCalendar from '@/components/SignInCalendar'
import { Blank, Loading } from '@/components/StateView'
import { ApiError, messageOf, request } from '@/services/api'
import { patchMe, refreshMe } from '@/services/session'
import './index.scss'

function SignInCard({ me }: { me: Me }) {
  const [calendar, setCalendar] = useState<Calendar>()
  const [loadError, setLoadError] = useState<string>()
  const [signing, setSigning] = useState(false)
  const today = chinaDay(new Date())

  const loadCalendar = useCallback(async () => {
    setLoadError(undefined)
    try {
      setCalendar(await request('/v1/sign-ins', { query: { month: chinaMonth(new Date()) }, schema: CalendarSchema }))
    } catch (error) {
      setLoadError(messageOf(error))
    }
  }, [])

  useEffect(() => {
    void loadCalendar()
  }, [loadCalendar])

  usePullDownRefresh(async () => {
    await Promise.allSettled([refreshMe(), loadCalendar()])
    Taro.stopPullDownRefresh()
  })

  const signIn = async () => {
    setSigning(true)
    try {
      const result = await request('/v1/sign-ins', { method: 'POST', schema: SignInResult })
      patchMe((m) => ({ ...m, points: { balance: result.balance }, signIn: { streak: result.streak, signedToday: true } }))
      setCalendar((c) => (c && !c.days.includes(result.date) ? { ...c, days: [...c.days, result.date], streak: result.streak } : c))
      Taro.showToast({ title: `签到成功 +${result.points} 积分`, icon: 'success' })
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ALREADY_SIGNED_IN') {
        await refreshMe().catch(() => {})
        await loadCalendar()
      }
      Taro.showToast({ title: messageOf(error), icon: 'none' })
    } finally {
      setSigning(false)
    }
  }

  const signed = me.signIn.signedToday
  return (
    <>
      <View className='home-hero'>
        <Text className='home-hero-hello'>{me.nickname}，你好</Text>
        <Text className='home-hero-org'>{me.membership.status === 'active' ? me.membership.orgName : '尚未加入工会'}</Text>
        {me.membership.status === 'active' && me.membership.memberNo && <Text className='home-hero-member-no'>会员号 {me.membership.memberNo}</Text>}
        <View className='home-hero-points'>
          <Text className='home-hero-label'>我的积分</Text>
          <Text className='points-balance'>{me.points.balance}</Text>
        </View>
      </View>

      <View className='card home-signin'>
        <View className='home-signin-state'>
          <Text className='home-signin-title'>{signed ? '今天已经签到啦' : '每日签到领积分'}</Text>
          <Text className='streak muted'>已连续签到 {me.signIn.streak} 天</Text>
        </View>
        <Button
          type='primary'
          className='home-signin-button'
          disabled={signed}
          loading={signing}
          icon={signed ? <Checked /> : undefined}
          onClick={signIn}
        >
          {signed ? '今日已签到' : '签到领积分'}
        </Button>
      </View>

      {calendar ? (
        <View className='card'>
          <SignInCalendar month={calendar.month} signedDays={calendar.days} today={today} />
          <Text className='muted home-rule'>连续签到每天多得 1 分，断签后重新累计。按北京时间计日。</Text>
        </View>
      ) : loadError ? (
        <Blank error title='签到日历加载失败' description={loadError} actionText='重试' onAction={loadCalendar} />
      ) : (
        <Loading />
      )}
    </>
  )
}

export default function IndexPage() {
  useTabPage()
  return (
    <View className='page tab-page home'>
      <SessionGate>{(me) => <SignInCard me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
