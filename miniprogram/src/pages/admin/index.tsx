import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import AppTabBar, { useTabPage } from '@/components/AppTabBar'
import SessionGate from '@/components/SessionGate'
import { Blank } from '@/components/StateView'

// Reachable by URL, so it checks the role itself rather than relying on the hidden tab.
export default function AdminPage() {
  useTabPage()
  return (
    <View className='page tab-page'>
      <View className='page-title'>工会管理</View>
      <SessionGate>
        {(me) =>
          me.roles.length === 0 ? (
            <Blank title='仅限工会干部' description='管理功能只对工会干部开放。' />
          ) : (
            <>
              <View className='section-title'>我管理的工会</View>
              <Cell.Group>
                {me.roles.map((r) => (
                  <Cell key={r.orgId} title={r.orgName} description='本级及所有下级工会' />
                ))}
              </Cell.Group>
              <View className='card'>
                <Text className='muted'>入会审批、商品发布与核销、活动管理和数据统计即将上线。</Text>
              </View>
            </>
          )
        }
      </SessionGate>
      {process.env.TARO_ENV === 'h5' && <AppTabBar />}
    </View>
  )
}
