import { useEffect, useState, type ReactNode } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button as NativeButton, Text, View } from '@tarojs/components'
import { ShieldCheck } from '@nutui/icons-react-taro'
import PrivacyPopup from '@/components/PrivacyPopup'
import { PRIVACY_AGREE_BUTTON_ID, answer, usePrivacyState } from '@/services/privacy'
import Page from '@/components/Page'
import MyData from './MyData'
import './index.scss'

const WEAPP = process.env.TARO_ENV === 'weapp'

interface Section {
  key: string
  title: string
  items: ReactNode[]
}

/** 个人信息保护说明: what we collect, why, how it is kept, who may see it, how long, your rights. */
const SECTIONS: Section[] = [
  {
    key: 'collect',
    title: '一、我们收集哪些信息',
    items: [
      <><Text className='pv-strong'>微信昵称、头像</Text>：您在“编辑资料”中主动填写或选择，用于在小程序内展示。</>,
      <><Text className='pv-strong'>登录标识（openid / unionid）</Text>：微信登录时由微信提供，用于识别您的账号；我们不会获得您的微信密码。</>,
      <><Text className='pv-strong'>入会信息</Text>：申请入会或转会时填写的姓名、身份证号、手机号、工作单位及所选基层工会。</>,
      <><Text className='pv-strong'>积分与兑换记录</Text>：每日签到、积分增减明细（含原因）、兑换订单与取货核销记录。</>,
      <><Text className='pv-strong'>活动记录</Text>：活动报名、候补、取消与现场签到情况。</>,
      <>您的收藏和站内消息，仅用于在“我的”中为您展示。</>,
    ],
  },
  {
    key: 'why',
    title: '二、为什么收集',
    items: [
      '识别您的身份，完成登录并保持登录状态；',
      '办理入会、转会审核，核实会员身份并发放会员号；',
      '记录积分、办理兑换与取货核销，保证每一笔积分都有据可查；',
      '组织活动报名与现场签到；',
      '向您发送审核结果、订单状态、候补递补和活动提醒。',
      '我们不会将您的个人信息用于与工会会员服务无关的用途，也不会出售或向无关第三方提供。',
    ],
  },
  {
    key: 'store',
    title: '三、如何保存和保护',
    items: [
      '姓名、身份证号、手机号等敏感信息加密存储，传输全程使用 HTTPS 加密。',
      '身份证号仅以不可逆摘要建立索引（用于防止重复入会），无法由摘要还原出号码。',
      '页面上默认脱敏显示，例如身份证号显示为 610***********1234、手机号显示为 139****5678。',
      '服务日志中不记录身份证号、手机号等个人信息。',
    ],
  },
  {
    key: 'who',
    title: '四、谁可以看到',
    items: [
      <><Text className='pv-strong'>您本人</Text>：可在“我的申请”中查看自己提交的完整信息。</>,
      <><Text className='pv-strong'>所在工会及上级工会的审核干部</Text>：为办理入会、转会审核，可查看您的申请；默认只看到脱敏信息，查看完整信息需单独操作，且每一次查看都会被记录在案，可追溯到具体干部和时间。</>,
      '其他会员、其他工会的干部都看不到您的个人信息。',
    ],
  },
  {
    key: 'keep',
    title: '五、保存多久',
    items: [
      '会员信息在您的会员身份存续期间保存；入会申请被驳回后，资料仅为审核留痕而保存。',
      '积分明细与兑换记录是积分账目的依据，在账号存续期间保存，不做修改。',
      '账号注销后，我们立即删除您的昵称、头像、登录标识、签到、消息、收藏和申请中的个人信息；积分明细以匿名方式留作工会账目，工会名册中的会员记录由工会保存（解除与您微信的绑定）。',
    ],
  },
  {
    key: 'rights',
    title: '六、您的权利与联系我们',
    items: [
      '查看与更正：昵称、头像可在“我的 → 编辑资料”中修改；入会信息有误的，可联系所在工会更正。',
      '撤回同意：可点击右上角“···”→“设置”管理授权；撤回后，需要相应信息的功能将无法使用，但不影响撤回前的处理。',
      '导出与注销：可在本页上方“我的数据”中导出全部个人数据，或自行注销账号。',
      '对个人信息处理有疑问、投诉的，请联系您所在的基层工会，或通过小程序《用户隐私保护指引》中公布的联系方式与我们联系，我们将及时核实并答复。',
    ],
  },
]

/** weapp: whether the user has agreed to the guideline, with the agree button when not yet. */
function WeChatConsent() {
  const [need, setNeed] = useState<boolean>()
  const { pending } = usePrivacyState()
  useEffect(() => {
    Taro.getPrivacySetting({
      success: (r) => setNeed(r.needAuthorization),
      fail: () => setNeed(false),
    })
  }, [pending])
  if (need === undefined) return null
  return (
    <View className='card pv-consent'>
      <Text className='pv-consent-state'>{need ? '您尚未同意《隐私保护指引》' : '您已同意《隐私保护指引》'}</Text>
      <View className='pv-consent-actions'>
        <Text className='pv-consent-link' onClick={() => Taro.openPrivacyContract({})}>
          查看《隐私保护指引》
        </Text>
        {need && !pending && (
          <NativeButton
            id={PRIVACY_AGREE_BUTTON_ID}
            className='pv-consent-agree'
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => {
              answer(true)
              setNeed(false)
            }}
          >
            同意
          </NativeButton>
        )}
      </View>
    </View>
  )
}

export default function PrivacyPage() {
  const { params } = useRouter()
  // Opened by services/privacy because the page that needed consent cannot show the popup itself:
  // go back to it once the user has answered.
  const forAuthorization = params.authorize === '1'
  return (
    <Page className='privacy-page'>
      <View className='pv-hero'>
        <ShieldCheck size={28} color='#fff' />
        <View className='pv-hero-text'>
          <Text className='pv-hero-title'>个人信息保护说明</Text>
          <Text className='pv-hero-sub'>我们依照《中华人民共和国个人信息保护法》处理您的个人信息，只收集提供工会会员服务所必需的信息。</Text>
        </View>
      </View>

      {WEAPP && <WeChatConsent />}

      <MyData />

      {SECTIONS.map((s) => (
        <View key={s.key} className={`card pv-section pv-section-${s.key}`}>
          <Text className='pv-section-title'>{s.title}</Text>
          {s.items.map((item, i) => (
            <View key={i} className='pv-item'>
              <View className='pv-dot' />
              <Text className='pv-item-text'>{item}</Text>
            </View>
          ))}
        </View>
      ))}

      <Text className='pv-foot muted'>本说明适用于“指尖上的工会”小程序，内容更新时将在此页面公布并在必要时再次征得您的同意。</Text>

      <PrivacyPopup
        onAnswered={() => {
          if (forAuthorization && Taro.getCurrentPages().length > 1) void Taro.navigateBack()
        }}
      />
    </Page>
  )
}
