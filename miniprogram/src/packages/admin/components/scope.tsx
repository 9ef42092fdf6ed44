import { View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { RequestStatus } from '@union/shared/membership'
import './scope.scss'

export const STATUS_TABS: { value: RequestStatus; title: string }[] = [
  { value: 'pending', title: '待审核' },
  { value: 'approved', title: '已通过' },
  { value: 'rejected', title: '已驳回' },
]

/** 待审核 / 已通过 / 已驳回. */
export function StatusTabs({ value, onChange }: { value: RequestStatus; onChange: (s: RequestStatus) => void }) {
  return (
    <View className='status-tabs'>
      <Tabs value={value} activeType='line' activeColor='#d9001b' onChange={(v) => onChange(v as RequestStatus)}>
        {STATUS_TABS.map((t) => (
          <Tabs.TabPane key={t.value} title={t.title} value={t.value} />
        ))}
      </Tabs>
    </View>
  )
}
