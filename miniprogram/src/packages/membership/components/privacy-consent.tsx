import { Text, View } from '@tarojs/components'
import { CheckNormal, Checked, ShieldCheck } from '@nutui/icons-react-taro'
import './privacy-consent.scss'

/**
 * 个人信息保护说明 with its consent box (个人信息保护法: say what is collected, why, how it is kept and
 * who sees it, before the person sends it). The form refuses to send until it is ticked.
 */
export default function PrivacyConsent({ items, agreed, onChange, error }: { items: string[]; agreed: boolean; onChange: (v: boolean) => void; error: boolean }) {
  return (
    <View className={`card privacy ${error ? 'has-error' : ''}`}>
      <View className='privacy-title'>
        <ShieldCheck size={16} color='#d9001b' />
        <Text>个人信息保护说明</Text>
      </View>
      <View className='privacy-list'>
        {items.map((item) => (
          <Text key={item} className='privacy-item'>{item}</Text>
        ))}
      </View>
      <View className='privacy-agree' onClick={() => onChange(!agreed)}>
        {/* The row handles the tap (≥ 44 px); the box is drawn, not a second control. */}
        {agreed ? <Checked className='privacy-agree-box' size={22} color='#d9001b' /> : <CheckNormal className='privacy-agree-box' size={22} color='#5c5f66' />}
        <Text className='privacy-agree-text'>我已阅读并同意按上述方式处理我的个人信息</Text>
      </View>
      {error && <Text className='field-error privacy-error'>请先阅读并勾选同意</Text>}
    </View>
  )
}
