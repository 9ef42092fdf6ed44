import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { ActivityPage, type Activity } from '@union/shared/activities'
import ActivityCard from '@/components/ActivityCard'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { onActivityDay } from '@/utils/activity'
import { usePagedRequest } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

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
  const list = usePagedRequest('/v1/me/activities', ActivityPage)
  const now = list.state.loadedAt
  return (
    <PagedView
      list={list}
      empty={<Blank title='还没有报名活动' description='去“活动”看看工会最近的活动吧' actionText='去看看' onAction={() => void Taro.switchTab({ url: '/pages/activities/index' })} />}
    >
      {(items) =>
        items.map((a) => {
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
        })
      }
    </PagedView>
  )
}

export default function MyActivitiesPage() {
  return (
    <Page className='my-activities-page'>
      <SessionGate>{() => <MyActivities />}</SessionGate>
    </Page>
  )
}
