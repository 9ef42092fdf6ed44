import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ArrowRight } from '@nutui/icons-react-taro'
import type { CadreRole } from '@union/shared/me'
import UnionTree, { type PickedOrg } from '@/components/UnionTree'

export type { PickedOrg }

/**
 * The union that hosts an activity: the cadre's own union or any union below it (a cadre acts only
 * inside their scope); every level may be chosen.
 */
export default function OrgScopePicker({ roles, value, onChange, disabled }: {
  roles: CadreRole[]
  value: PickedOrg
  onChange: (org: PickedOrg) => void
  disabled?: boolean
}) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <View className={`form-field org-scope-field ${disabled ? 'disabled' : ''}`} onClick={() => !disabled && setOpen(true)}>
        <Text className='form-label required'>主办工会</Text>
        <Text className='org-scope-value'>{value.name}</Text>
        {!disabled && <ArrowRight size={12} color='#5c5f66' />}
      </View>
      <UnionTree
        open={open}
        onClose={() => setOpen(false)}
        title='选择主办工会'
        hint='活动只对所选工会及其下级工会的会员开放'
        roots={roles.map((r) => ({ id: r.orgId, name: r.orgName }))}
        rootNote='本级工会'
        chooseHere
        value={value}
        onChoose={(org) => {
          onChange({ id: org.id, name: org.name })
          setOpen(false)
        }}
      />
    </>
  )
}
