import { Text, View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'

export default function ActivitiesPage() {
  useTabPage()

  return (
    <View className='page tab-page'>
      <View className='page-title'>工会活动</View>
      <View className='card'>
        <Text className='muted'>报名参加工会活动，敬请期待。</Text>
      </View>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
