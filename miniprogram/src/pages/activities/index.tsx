import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { Activity } from '@union/shared/activities'
import type { Me } from '@union/shared/me'
import ActivityCard from '@/components/ActivityCard'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import PagedView from '@/components/PagedList'
import { Blank } from '@/components/StateView'
import { call, SERVER_CHECKED } from '@/services/api'
import { usePagedList } from '@/utils/hooks'
import Page from '@/components/Page'
import './index.scss'

const open = (id: string) => () => void Taro.navigateTo({ url: `/packages/activity/detail/index?id=${encodeURIComponent(id)}` })

/** Activities per page; the next page loads at the bottom. */
const ACTIVITIES_PAGE_SIZE = 20

/** Activities of the unions on my chain (the API puts those open for signup first). */
function ActivityList({ me }: { me: Me }) {
  // Pages on scroll (the server keeps the order across pages); loaded again on show and on pull-down.
  const list = usePagedList<Activity>((cursor) => call('GET /v1/activities', SERVER_CHECKED, { query: { limit: ACTIVITIES_PAGE_SIZE, cursor } }), 'activities')
  const now = list.state.loadedAt

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
      <PagedView
        list={list}
        errorTitle='活动加载失败'
        empty={<Blank title='暂时还没有活动' description='工会发布活动后会出现在这里，记得常来看看。' />}
      >
        {(items) => items.map((a) => <ActivityCard key={a.id} className='activity-list-item' activity={a} now={now} onClick={open(a.id)} />)}
      </PagedView>
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
