import { View } from '@tarojs/components'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import { Blank } from '@/components/StateView'

export default function MallPage() {
  useTabPage()
  return (
    <View className='page tab-page'>
      <View className='page-title'>积分商城</View>
      <Blank title='即将上线' description='用积分兑换工会普惠好礼，敬请期待。先去首页签到攒积分吧！' />
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
