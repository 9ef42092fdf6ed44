import { useCallback, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ActivityPage, type Activity } from '@union/shared/activities'
import ActivityCard from '@/components/ActivityCard'
import SessionGate from '@/components/SessionGate'
import { Blank, Loading } from '@/components/StateView'
import { messageOf, request } from '@/services/api'
import { onActivityDay } from '@/utils/activity'
import { useLoadOnShow } from '@/utils/hooks'
import './index.scss'

const PAGE_SIZE = 20

/** My part in one activity, as the card's foot says it. */
function mineText(a: Activity, now: number): { text: string; tone: string } {
  const s = a.mySignup
  if (!s || s.status === 'cancelled') return { text: '已取消报名', tone: 'off' }
  if (s.status === 'waitlisted') return { text: s.position ? `候补第 ${s.position} 位` : '候补中', tone: 'wait' }
  if (s.checkedIn) return { text: '已签到', tone: 'done' }
  if (a.status === 'cancelled') return { text: '活动已取消', tone: 'off' }
  if (now >= Date.parse(a.endsAt)) return { text: '未签到', tone: 'off' }
  if (onActivityDay(a, now)) return { text: '今天签到', tone: 'today' }
  return { text: '已报名', tone: 'ok' }
}

function MyActivities() {
  const [items, setItems] = useState<Activity[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [status, setStatus] = useState<'loading' | 'ready' | 'more' | 'error'>('loading')
  const [error, setError] = useState<string>()
  const [now, setNow] = useState(() => Date.now())

  const load = useCallback(async (from: string | null) => {
    setStatus(from ? 'more' : 'loading')
    setError(undefined)
    try {
      const page = await request('/v1/me/activities', { query: { limit: PAGE_SIZE, cursor: from ?? undefined }, schema: ActivityPage })
      setItems((prev) => (from ? [...prev, ...page.items.filter((a) => !prev.some((p) => p.id === a.id))] : page.items))
      setCursor(page.nextCursor)
      setNow(Date.now())
      setStatus('ready')
    } catch (e) {
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])
  useLoadOnShow(() => void load(null))
  useReachBottom(() => {
    if (cursor && status === 'ready') void load(cursor)
  })
  usePullDownRefresh(async () => {
    await load(null)
    Taro.stopPullDownRefresh()
  })

  if (status === 'loading' && items.length === 0) return <Loading rows={5} />
  if (status === 'error' && items.length === 0) {
    return <Blank error title='加载失败' description={error} actionText='重试' onAction={() => void load(null)} />
  }
  if (items.length === 0) {
    return <Blank title='还没有报名活动' description='去“活动”看看工会最近的活动吧' actionText='去看看' onAction={() => void Taro.switchTab({ url: '/pages/activities/index' })} />
  }
  return (
    <>
      {items.map((a) => {
        const mine = mineText(a, now)
        return (
          <ActivityCard
            key={a.id}
            className='my-activity-item'
            activity={a}
            now={now}
            onClick={() => void Taro.navigateTo({ url: `/packages/activity/detail/index?id=${encodeURIComponent(a.id)}` })}
            foot={
              <View className='my-activity-foot'>
                <Text className={`my-activity-state tone-${mine.tone}`}>{mine.text}</Text>
                {a.pointsReward > 0 && (
                  <Text className='muted'>{a.mySignup?.checkedIn ? `已得 ${a.pointsReward} 积分` : `签到得 ${a.pointsReward} 积分`}</Text>
                )}
              </View>
            }
          />
        )
      })}
      {cursor ? (
        <Button className='my-activity-more' fill='none' size='small' loading={status === 'more'} onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : (
        <Text className='muted my-activity-end'>没有更多了</Text>
      )}
      {status === 'error' && <Text className='my-activity-error'>{error}</Text>}
    </>
  )
}

export default function MyActivitiesPage() {
  return (
    <View className='page my-activities-page'>
      <SessionGate>{() => <MyActivities />}</SessionGate>
    </View>
  )
}
