import { Text, View } from '@tarojs/components'
import { Checkbox } from '@nutui/nutui-react-taro'
import { ShieldCheck } from '@nutui/icons-react-taro'
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
        {/* The row handles the tap; the box only shows the state. */}
        <Checkbox checked={agreed} onChange={() => {}} />
        <Text className='privacy-agree-text'>我已阅读并同意按上述方式处理我的个人信息</Text>
      </View>
      {error && <Text className='field-error privacy-error'>请先阅读并勾选同意</Text>}
    </View>
  )
}
