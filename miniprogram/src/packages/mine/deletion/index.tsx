import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { DELETION_WORD, type AccountDeleted } from '@union/shared/account'
import type { Me } from '@union/shared/me'
import SessionGate from '@/components/SessionGate'
import Page from '@/components/Page'
import { messageOf } from '@/services/api'
import { deleteMyAccount } from '@/services/account'
import '@/styles/form.scss'
import './index.scss'

const LOST = [
  '您的昵称、头像和微信登录绑定；',
  '剩余积分（作废，不能恢复或转给他人）；',
  '未取货的兑换订单（先取消，积分退回后一并作废，库存归还）；',
  '尚未开始的活动报名与候补（取消，名额让给候补的会员）；',
  '待审核的入会、转会和建会申请（撤回）；',
  '签到记录、站内消息和收藏。',
]
const KEPT = [
  '工会名册中的会员记录属于工会，继续保存，只解除与您微信的绑定；',
  '积分明细和订单以匿名方式保留，作为工会积分账目的依据，不再与您的身份关联；',
  '您已参加活动的签到记录（显示为“已注销用户”）。',
]

function Confirm({ me, onDeleted }: { me: Me; onDeleted: (r: AccountDeleted) => void }) {
  const [word, setWord] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const cadre = me.roles.length > 0

  const submit = async () => {
    if (busy || word.trim() !== DELETION_WORD) return
    setBusy(true)
    setError(undefined)
    try {
      // The session ends with the answer: the page above shows the result outside the session gate.
      onDeleted(await deleteMyAccount())
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <View className='card del-warning'>
        <Text className='del-title'>注销后，以下内容将被删除且无法恢复</Text>
        {LOST.map((t) => (
          <Text key={t} className='del-item'>· {t}</Text>
        ))}
        {me.points.balance > 0 && <Text className='del-balance'>您当前还有 {me.points.balance} 积分，注销后将全部作废。</Text>}
      </View>
      <View className='card del-kept'>
        <Text className='del-title'>工会保留的内容</Text>
        {KEPT.map((t) => (
          <Text key={t} className='del-item'>· {t}</Text>
        ))}
        <Text className='del-item'>注销后用同一微信再次进入，将是一个新账号；如果您仍在工会名册中，可重新做会员认证。</Text>
      </View>
      {cadre ? (
        <View className='card del-cadre'>
          <Text className='del-title'>您是工会干部，暂不能注销</Text>
          <Text className='del-text'>请先请上级工会解除您的干部身份（或移交给其他干部），再申请注销。</Text>
        </View>
      ) : (
        <View className='card form-card del-form'>
          <View className='form-field-wrap'>
            <View className={`form-field ${error ? 'has-error' : ''}`}>
              <Text className='form-label'>请输入“{DELETION_WORD}”确认</Text>
              <Input className='del-word' type='text' value={word} maxLength={10} placeholder={DELETION_WORD} onChange={(v) => setWord(v)} />
            </View>
            {error && <Text className='field-error del-error'>注销失败：{error}</Text>}
          </View>
          <Button className='del-submit' type='danger' block loading={busy} disabled={word.trim() !== DELETION_WORD || busy} onClick={() => void submit()}>
            确认注销
          </Button>
        </View>
      )}
    </>
  )
}

function Deleted({ done }: { done: AccountDeleted }) {
  return (
    <View className='card del-done'>
      <Text className='del-title'>账号已注销</Text>
      <Text className='del-text'>
        已取消 {done.ordersCancelled} 笔兑换、{done.signupsCancelled} 个活动报名，{done.pointsForfeited} 积分已作废。您已退出登录。
      </Text>
      <Button className='del-home' type='primary' block onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })}>
        返回首页
      </Button>
    </View>
  )
}

export default function DeletionPage() {
  const [done, setDone] = useState<AccountDeleted>()
  return (
    <Page className='deletion-page'>
      {done ? <Deleted done={done} /> : <SessionGate>{(me) => <Confirm me={me} onDeleted={setDone} />}</SessionGate>}
    </Page>
  )
}
