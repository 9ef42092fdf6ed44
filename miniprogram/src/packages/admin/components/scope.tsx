import { ScrollView, Text, View } from '@tarojs/components'
import { Tabs } from '@nutui/nutui-react-taro'
import type { CadreRole } from '@union/shared/me'
import type { RequestStatus } from '@union/shared/membership'
import './scope.scss'

/** The union whose subtree a queue lists: chips when the cadre holds more than one role. */
export function ScopeSwitcher({ roles, value, onChange }: { roles: CadreRole[]; value: string; onChange: (orgId: string) => void }) {
  if (roles.length <= 1) {
    return <Text className='scope-single muted'>审核范围：{roles[0]?.orgName} 及下级工会</Text>
  }
  return (
    <ScrollView scrollX className='scope-switcher'>
      {roles.map((r) => (
        <Text key={r.orgId} className={`scope-chip ${r.orgId === value ? 'active' : ''}`} onClick={() => onChange(r.orgId)}>
          {r.orgName}
        </Text>
      ))}
    </ScrollView>
  )
}

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
