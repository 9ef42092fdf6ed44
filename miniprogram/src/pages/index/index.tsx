import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { chinaDay } from '@union/shared/china-day'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import './index.scss'

export default function IndexPage() {
  useTabPage()
  const [signedIn, setSignedIn] = useState(false)

  return (
    <View className='page tab-page home'>
      <View className='home-hero'>
        <Text className='home-hero-title'>指尖上的工会</Text>
        <Text className='home-hero-sub'>每日签到领积分，积分兑好礼</Text>
        <Text className='home-hero-date'>今天是 {chinaDay(new Date())}</Text>
      </View>
      <View className='card home-signin'>
        <Text className='home-signin-text'>{signedIn ? '今日已签到' : '今日尚未签到'}</Text>
        <Button type='primary' disabled={signedIn} onClick={() => setSignedIn(true)}>
          {signedIn ? '已签到' : '立即签到'}
        </Button>
      </View>
      {process.env.TARO_APP_STAGE !== 'prod' && (
        <Text className='muted'>环境：{process.env.TARO_APP_STAGE} · {process.env.TARO_APP_API}</Text>
      )}
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
