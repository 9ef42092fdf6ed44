import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ApiError, messageOf } from '@/services/api'
import { saveMyData } from '@/services/account'
import { startSession, useSession } from '@/services/session'
import '@/styles/form.scss'

/** 我的数据: take a copy of everything stored about me, or go to 注销. */
export default function MyData() {
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string>()
  const [saved, setSaved] = useState<string>()
  const session = useSession()
  useEffect(() => {
    void startSession()
  }, [])
  const loggedIn = session.status === 'ready' && Boolean(session.me)

  const save = async () => {
    if (saving) return
    setSaving(true)
    setError(undefined)
    try {
      const { fileName, result } = await saveMyData()
      setSaved(result === 'copied' ? '当前微信版本不能发送文件，数据已复制到剪贴板' : `已导出 ${fileName}`)
    } catch (e) {
      // Closing WeChat's share sheet is not a failure.
      if (!(e instanceof ApiError && e.code === 'CANCELLED')) setError(messageOf(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='card pv-section pv-mydata'>
      <Text className='pv-section-title'>我的数据</Text>
      <Text className='pv-item-text pv-mydata-text'>
        导出您在本小程序中的全部数据：资料、会员信息（含完整姓名、身份证号、手机号）、积分明细、兑换、活动报名、申请、消息和收藏，保存为一个 JSON 文件。请妥善保管。
      </Text>
      {error && <Text className='field-error pv-mydata-error'>导出失败：{error}</Text>}
      {saved && <Text className='pv-mydata-done'>{saved}</Text>}
      <View className='pv-mydata-actions'>
        <Button className='pv-export' type='primary' block loading={saving} disabled={!loggedIn} onClick={() => void save()}>
          {saving ? '正在导出…' : error ? '重新导出' : '导出我的数据'}
        </Button>
        <Button className='pv-delete' type='default' block disabled={!loggedIn} onClick={() => void Taro.navigateTo({ url: '/packages/mine/deletion/index' })}>
          注销账号
        </Button>
      </View>
      {!loggedIn && <Text className='muted pv-mydata-hint'>登录后可导出数据或注销账号。</Text>}
    </View>
  )
}
