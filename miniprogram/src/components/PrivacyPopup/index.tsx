import { useEffect, useRef } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import { ShieldCheck } from '@nutui/icons-react-taro'
import { PRIVACY_AGREE_BUTTON_ID, PRIVACY_PAGE, answer, exposed, hostPrivacyPopup, usePrivacyState } from '@/services/privacy'
import { currentRoute, normalizeRoute } from '@/store/tabbar'
import './index.scss'

/**
 * WeChat's privacy authorisation popup (see services/privacy). Render it once in a page that calls
 * privacy-relevant APIs; it opens by itself when WeChat asks, on the page shown on top. weapp only:
 * renders nothing on H5 (the browser has no such check).
 */
export default function PrivacyPopup({ onAnswered }: { onAnswered?: (agreed: boolean) => void }) {
  const { path } = useRouter()
  const route = normalizeRoute(path)
  const { pending } = usePrivacyState()
  const visible = process.env.TARO_ENV === 'weapp' && pending && (!route || currentRoute() === route)

  const shown = useRef(false)
  shown.current = visible

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined
    const unhost = hostPrivacyPopup(route)
    return () => {
      unhost()
      // The page was left (back gesture) while asking: that is a refusal, or the held calls would wait
      // for ever.
      if (shown.current) answer(false)
    }
  }, [route])
  useEffect(() => {
    if (visible) exposed()
  }, [visible])

  if (process.env.TARO_ENV !== 'weapp') return null

  const decide = (agreed: boolean) => {
    answer(agreed)
    onAnswered?.(agreed)
  }
  const openGuide = () => {
    // WeChat's own page for the guideline filed in the MP console; our notice page if that fails.
    Taro.openPrivacyContract({
      fail: () => {
        if (currentRoute() !== normalizeRoute(PRIVACY_PAGE)) void Taro.navigateTo({ url: PRIVACY_PAGE })
      },
    })
  }

  return (
    <Popup visible={visible} position='bottom' round closeOnOverlayClick={false} className='privacy-popup'>
      <View className='privacy-popup-body'>
        <View className='privacy-popup-head'>
          <ShieldCheck size={20} color='#d9001b' />
          <Text className='privacy-popup-title'>用户隐私保护提示</Text>
        </View>
        <Text className='privacy-popup-text'>
          感谢您使用指尖上的工会。在使用头像昵称、扫码等功能前，请您阅读并同意
          <Text className='privacy-popup-link' onClick={openGuide}>
            《指尖上的工会隐私保护指引》
          </Text>
          。我们仅为提供工会会员服务处理必要的信息，您可随时在“我的 → 隐私说明”中查看。
        </Text>
        <Text className='privacy-popup-note'>如不同意，本次操作将无法继续，其他功能不受影响。</Text>
        <View className='privacy-popup-actions'>
          <Button className='privacy-popup-button privacy-popup-disagree' onClick={() => decide(false)}>
            拒绝
          </Button>
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className='privacy-popup-button privacy-popup-agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => decide(true)}
          >
            同意
          </Button>
        </View>
      </View>
    </Popup>
  )
}
