import { Text, View } from '@tarojs/components'
import { Cell, Switch } from '@nutui/nutui-react-taro'
import Page from '@/components/Page'
import { systemFontScale, useElderMode } from '@/services/elder-mode'
import './index.scss'

/** 我的 → 设置: 长辈模式 and how text size follows WeChat. */
export default function SettingsPage() {
  const elder = useElderMode()
  const scale = systemFontScale()
  return (
    <Page className='settings-page'>
      <Cell.Group className='settings-group' title='显示'>
        <Cell
          className='settings-cell settings-elder'
          align='center'
          title={<Text className='settings-title'>长辈模式</Text>}
          description='字更大（正文不小于 18 号字）、按钮更大更好点，页面更简洁'
          extra={<Switch className='settings-elder-switch' checked={elder.on} onChange={(v) => elder.setOn(v)} />}
          onClick={() => elder.setOn(!elder.on)}
        />
      </Cell.Group>
      <View className='card settings-note'>
        <Text className='settings-note-title'>字体大小</Text>
        <Text className='settings-note-text'>
          {scale > 1 ? `已跟随微信的字体大小设置（放大 ${Math.round((scale - 1) * 100)}%）。` : '跟随微信的字体大小设置：在微信“我 → 设置 → 通用 → 字体大小”中调大后，这里的字也会变大。'}
        </Text>
        <Text className='settings-note-text'>长辈模式在此基础上再放大，只在这台手机上对你的账号生效。</Text>
      </View>
      <View className='settings-preview card'>
        <Text className='settings-note-title'>预览</Text>
        <Text className='settings-preview-text'>工会会员可以用积分兑换普惠好礼，报名参加工会组织的活动。</Text>
      </View>
    </Page>
  )
}
