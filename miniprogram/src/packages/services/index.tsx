import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { Me } from '@union/shared/me'
import SessionGate from '@/components/SessionGate'
import './index.scss'
import { leavePage } from '@/utils/leave'

/**
 * 法律援助, 困难帮扶, 工会地图, 职工疗休养: services the seed names that each union provides offline today.
 * Until they are online this page says so plainly and tells the member where to get them — never a
 * fake form or a dead button.
 */
const SERVICES: Record<string, { title: string; what: string; where: string }> = {
  legal: {
    title: '法律援助',
    what: '劳动合同、工资报酬、工伤认定等劳动争议的法律咨询与援助。',
    where: '可到所在工会或当地工会的职工法律援助站现场咨询，也可拨打全国总工会职工维权服务热线 12351。',
  },
  hardship: {
    title: '困难帮扶',
    what: '困难职工家庭的生活救助、子女助学、医疗救助等帮扶。',
    where: '请向所在基层工会提出申请，由工会核实后逐级上报；也可拨打 12351 咨询。',
  },
  map: {
    title: '工会地图',
    what: '查找附近的职工服务中心、职工之家、户外劳动者驿站。',
    where: '线上地图正在建设中。现在可向所在工会询问就近的服务站点，或拨打 12351。',
  },
  sanatorium: {
    title: '职工疗休养',
    what: '劳动模范、一线职工的疗休养安排。',
    where: '疗休养名额由各级工会统一组织安排，请关注所在工会的通知，或向工会工作人员咨询。',
  },
}

const HOTLINE = '12351'

function Service({ me, kind }: { me: Me; kind: string }) {
  const s = SERVICES[kind]
  if (!s) {
    return (
      <View className='card service-card'>
        <Text className='service-title'>没有找到这项服务</Text>
        <Button className='service-button' type='primary' onClick={() => leavePage('/pages/index/index', true)}>
          返回
        </Button>
      </View>
    )
  }
  const union = me.membership.status === 'active' ? me.membership.orgName : undefined
  const call = () => void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => Taro.showToast({ title: `请拨打 ${HOTLINE}`, icon: 'none' }))
  return (
    <View className='card service-card'>
      <Text className='service-title'>{s.title}</Text>
      <Text className='service-soon'>由所在工会提供，线上办理敬请期待</Text>
      <Text className='service-label'>服务内容</Text>
      <Text className='service-text'>{s.what}</Text>
      <Text className='service-label'>现在怎么办</Text>
      <Text className='service-text'>{s.where}</Text>
      <Text className='service-label'>您的工会</Text>
      <Text className='service-text'>{union ?? '您还没有加入工会，可先申请入会或进行会员认证。'}</Text>
      <Button className='service-button' type='primary' onClick={call}>
        拨打职工服务热线 {HOTLINE}
      </Button>
    </View>
  )
}

export default function ServicePage() {
  const { params } = useRouter()
  return (
    <View className='page service-page'>
      <SessionGate>{(me) => <Service me={me} kind={params.kind ?? ''} />}</SessionGate>
    </View>
  )
}
