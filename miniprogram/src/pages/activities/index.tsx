import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Activity } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import ActivityCard from '@/components/ActivityCard'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, call, SERVER_CHECKED } from '@/services/api'
import { useLoadOnShow } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

const open = (id: string) => () => void Taro.navigateTo({ url: `/packages/activity/detail/index?id=${encodeURIComponent(id)}` })

/** Activities of the unions on my chain (the API puts those open for signup first). */
function ActivityList({ me }: { me: Me }) {
  const [items, setItems] = useState<Activity[]>([])
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const [now, setNow] = useState(() => Date.now())

  const load = useCallback(async () => {
    setError(undefined)
    try {
      const page = await call('GET /v1/activities', SERVER_CHECKED)
      setItems(page.items)
      setNow(Date.now())
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])
  useLoadOnShow(() => void load())
  usePullDownRefresh(async () => {
    await load()
    Taro.stopPullDownRefresh()
  })

  const member = me.membership.status === 'active'
  return (
    <>
      <View className='activities-head'>
        <View className='page-title activities-title'>职工活动</View>
        <Text className='activities-mine' onClick={() => void Taro.navigateTo({ url: '/packages/activity/mine/index' })}>我的活动</Text>
      </View>
      <Text className='activities-scope muted'>
        {member ? `${me.membership.orgName} 及上级工会发布的活动` : '加入工会后可报名本单位的活动'}
      </Text>
      {status === 'loading' ? (
        <Loading rows={5} />
      ) : status === 'error' && items.length === 0 ? (
        <Blank error title='活动加载失败' description={error} actionText='重试' onAction={() => void load()} />
      ) : items.length === 0 ? (
        <Blank title='暂时还没有活动' description='工会发布活动后会出现在这里，记得常来看看。' />
      ) : (
        <>
          {items.map((a) => (
            <ActivityCard key={a.id} className='activity-list-item' activity={a} now={now} onClick={open(a.id)} />
          ))}
          <Text className='muted activities-end'>没有更多了</Text>
        </>
      )}
    </>
  )
}

export default function ActivitiesPage() {
  useTabPage()
  return (
    <Page className='tab-page'>
      <SessionGate>{(me) => <ActivityList me={me} />}</SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </Page>
  )
}
