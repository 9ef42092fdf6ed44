import { Text, View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import { useTabBarState } from '@/store/tabbar'

// Reachable by URL, so it checks the role itself rather than relying on the hidden tab.
export default function AdminPage() {
  useTabPage()
  const { isCadre } = useTabBarState()

  return (
    <View className='page tab-page'>
      <View className='page-title'>工会管理</View>
      <View className='card'>
        <Text className='muted'>
          {isCadre ? '入会审批、商品发布、活动管理，敬请期待。' : '仅工会干部可以使用管理功能。'}
        </Text>
      </View>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
