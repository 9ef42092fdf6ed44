import { Text, View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'

export default function MinePage() {
  useTabPage()

  return (
    <View className='page tab-page'>
      <View className='page-title'>我的</View>
      <View className='card'>
        <Text className='muted'>个人信息、会员状态和积分明细，敬请期待。</Text>
      </View>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
