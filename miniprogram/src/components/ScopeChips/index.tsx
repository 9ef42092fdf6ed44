import { ScrollView, Text } from '@tarojs/components'
import type { CadreRole } from '@union/shared/me'
import './index.scss'

/**
 * The union whose subtree a cadre's list shows: one chip per union the cadre holds a role for, or —
 * with a single role — a line naming it (`verb`：X 及下级工会; none when `verb` is empty).
 */
export default function ScopeChips({ roles, value, onChange, verb = '管理范围', className = '', chipClassName = '' }: {
  roles: Pick<CadreRole, 'orgId' | 'orgName'>[]
  value: string
  onChange: (orgId: string) => void
  verb?: string
  className?: string
  chipClassName?: string
}) {
  if (roles.length <= 1) return verb ? <Text className='scope-single muted'>{verb}：{roles[0]?.orgName} 及下级工会</Text> : null
  return (
    <ScrollView scrollX className={`scope-chips ${className}`}>
      {roles.map((r) => (
        <Text key={r.orgId} className={`scope-chip ${chipClassName} ${r.orgId === value ? 'active' : ''}`} onClick={() => onChange(r.orgId)}>
          {r.orgName}
        </Text>
      ))}
    </ScrollView>
  )
}
