import { View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import { Blank } from '@/components/StateView'

export default function ActivitiesPage() {
  useTabPage()
  return (
    <View className='page tab-page'>
      <View className='page-title'>职工活动</View>
      <Blank title='即将上线' description='报名工会活动、现场扫码签到领积分，敬请期待。' />
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
