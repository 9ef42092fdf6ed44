import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { chooseDevIdentity } from '@/services/session'
import './index.scss'

/** The demo identities of the local stack (api.md). Shown only in local/test H5 builds. */
const IDENTITIES = [
  { name: 'member-1', title: '张晓明', note: '会员 · 陕西秦云软件有限公司工会' },
  { name: 'member-2', title: '李秀英', note: '会员 · 陕西秦云软件有限公司工会' },
  { name: 'member-3', title: '王建国', note: '会员 · 陕西秦云软件有限公司工会' },
  { name: 'cadre-xian', title: '西安市总工会管理员', note: '工会干部 · 管理西安市及以下工会' },
  { name: 'cadre-province', title: '省总工会管理员', note: '工会干部 · 管理全省工会' },
  { name: 'visitor', title: '新用户', note: '尚未入会的微信用户' },
]

export default function DevLoginPicker() {
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()
  const pick = async (name: string) => {
    setBusy(name)
    setError(undefined)
    try {
      await chooseDevIdentity(name)
    } catch {
      setError('登录失败：本地 API 是否已启动？')
    } finally {
      setBusy(undefined)
    }
  }
  return (
    <View className='dev-login card'>
      <Text className='dev-login-title'>选择演示身份</Text>
      <Text className='muted'>浏览器里没有微信登录，本地环境可用演示身份体验。</Text>
      <Cell.Group>
        {IDENTITIES.map((i) => (
          <Cell
            key={i.name}
            className='dev-login-item'
            title={busy === i.name ? `${i.title}（登录中…）` : i.title}
            description={`${i.note} · dev:${i.name}`}
            clickable
            onClick={() => !busy && pick(i.name)}
          />
        ))}
      </Cell.Group>
      {error && <Text className='dev-login-error'>{error}</Text>}
    </View>
  )
}
