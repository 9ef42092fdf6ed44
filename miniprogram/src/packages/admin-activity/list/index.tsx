import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { Plus } from '@nutui/icons-react-taro'
import { ActivityPage, type Activity } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import ActivityCard from '@/components/ActivityCard'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import ScopeChips from '@/components/ScopeChips'
import { Blank } from '@/components/StateView'
import { activityState, onActivityDay } from '@/utils/activity'
import { usePagedRequest } from '@/utils/hooks'
import Page from '@/components/Page'
import '../components/admin-activity.scss'

const go = (url: string) => () => void Taro.navigateTo({ url })

function Stat({ value, label }: { value: string | number; label: string }) {
  return (
    <View className='admin-activity-stat'>
      <Text className='admin-activity-stat-value'>{value}</Text>
      <Text className='admin-activity-stat-label'>{label}</Text>
    </View>
  )
}

function Row({ a, now }: { a: Activity; now: number }) {
  const state = activityState(a, now)
  const id = encodeURIComponent(a.id)
  const live = state !== 'cancelled' && state !== 'ended' && onActivityDay(a, now)
  return (
    <ActivityCard
      className='admin-activity-item'
      activity={a}
      now={now}
      foot={
        <>
          <View className='admin-activity-stats'>
            <Stat value={`${a.confirmedCount}/${a.capacity}`} label='已报名' />
            <Stat value={a.waitlist ? a.waitlistCount : '—'} label='候补' />
            <Stat value={a.checkedInCount ?? 0} label='已签到' />
            <Stat value={a.pointsReward} label='签到积分' />
          </View>
          <View className='admin-activity-actions'>
            <Button className='admin-activity-edit' size='small' fill='outline' onClick={go(`/packages/admin-activity/edit/index?id=${id}`)}>
              {state === 'cancelled' ? '查看' : '编辑'}
            </Button>
            <Button className='admin-activity-participants' size='small' fill='outline' onClick={go(`/packages/admin-activity/participants/index?id=${id}`)}>
              报名名单
            </Button>
            {live && (
              <Button className='admin-activity-checkin' size='small' type='primary' onClick={go(`/packages/admin-activity/checkin/index?id=${id}`)}>
                签到码
              </Button>
            )}
          </View>
        </>
      }
    />
  )
}

function List({ me }: { me: Me }) {
  const [orgId, setOrgId] = useState(me.roles[0]?.orgId ?? '')
  const list = usePagedRequest('/v1/admin/activities', ActivityPage, { orgId: me.roles.length > 1 ? orgId : undefined })
  const now = list.state.loadedAt

  return (
    <>
      <View className='admin-activity-top'>
        <Text className='admin-activity-scope muted'>
          {me.roles.length > 1 ? '选择工会查看其及下级工会的活动' : `${me.roles[0]?.orgName} 及下级工会的活动`}
        </Text>
        <Button className='admin-activity-new' type='primary' size='small' icon={<Plus size={12} />} onClick={go('/packages/admin-activity/edit/index')}>
          发布活动
        </Button>
      </View>
      {me.roles.length > 1 && <ScopeChips roles={me.roles} value={orgId} onChange={setOrgId} />}
      <PagedView
        list={list}
        empty={<Blank title='还没有发布活动' description='发布活动后，辖区内的会员可以在“活动”中报名。' actionText='发布活动' onAction={go('/packages/admin-activity/edit/index')} />}
      >
        {(items) => items.map((a) => <Row key={a.id} a={a} now={now} />)}
      </PagedView>
    </>
  )
}

export default function AdminActivitiesPage() {
  return (
    <Page className='admin-activities-page'>
      <SessionGate cadreOnly='活动管理'>{(me) => <List me={me} />}</SessionGate>
    </Page>
  )
}
