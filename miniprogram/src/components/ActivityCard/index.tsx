import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Clock, Location } from '@nutui/icons-react-taro'
import type { Activity } from '@union/shared/activities'
import { STATE_TEXT, activityState, timeRange, type ActivityState } from '@/utils/activity'
import './index.scss'

/** 报名中 / 即将开始 / 进行中 / 已结束 / 已取消 as a small coloured pill. */
export function ActivityStateTag({ state }: { state: ActivityState }) {
  return <Text className={`activity-state activity-state-${state}`}>{STATE_TEXT[state]}</Text>
}

/**
 * One activity as a card: title and state, union, time, place, then a foot with the places taken and
 * the check-in reward. `foot` replaces the default foot (e.g. my signup state, a cadre's counts).
 */
export default function ActivityCard({ activity: a, now, foot, className = '', onClick }: {
  activity: Activity
  now: number
  foot?: ReactNode
  className?: string
  onClick?: () => void
}) {
  const state = activityState(a, now)
  const full = a.confirmedCount >= a.capacity
  const percent = Math.min(100, Math.round((a.confirmedCount / Math.max(1, a.capacity)) * 100))
  return (
    <View className={`card activity-card activity-card-${state} ${className}`} onClick={onClick}>
      <View className='activity-card-head'>
        <Text className='activity-card-title'>{a.title}</Text>
        <ActivityStateTag state={state} />
      </View>
      {a.orgName && <Text className='activity-card-org'>{a.orgName}</Text>}
      <View className='activity-card-line'>
        <Clock size={13} color='#8c8c8c' />
        <Text className='activity-card-time'>{timeRange(a.startsAt, a.endsAt)}</Text>
      </View>
      <View className='activity-card-line'>
        <Location size={13} color='#8c8c8c' />
        <Text className='activity-card-location'>{a.location}</Text>
      </View>
      {foot ?? (
        <View className='activity-card-foot'>
          <View className='activity-card-quota'>
            <Text className='activity-card-places'>
              名额 <Text className={`activity-card-count ${full ? 'full' : ''}`}>{a.confirmedCount}/{a.capacity}</Text> 已报
              {full && <Text className='activity-card-waitlist'>{a.waitlist ? ' · 已满·可候补' : ' · 已满'}</Text>}
              {a.waitlistCount > 0 && <Text className='activity-card-waitlist'> · 候补 {a.waitlistCount} 人</Text>}
            </Text>
            <View className='activity-card-bar'>
              <View className='activity-card-bar-fill' style={{ width: `${percent}%` }} />
            </View>
          </View>
          {a.pointsReward > 0 && <Text className='activity-card-points'>签到得 {a.pointsReward} 积分</Text>}
        </View>
      )}
    </View>
  )
}
