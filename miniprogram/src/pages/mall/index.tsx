import { Text, View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'

export default function MallPage() {
  useTabPage()

  return (
    <View className='page tab-page'>
      <View className='page-title'>积分商城</View>
      <View className='card'>
        <Text className='muted'>用积分兑换工会好礼，敬请期待。</Text>
      </View>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
