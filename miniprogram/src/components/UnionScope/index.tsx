import { useState } from 'react'
import type { CadreRole } from '@union/shared/me'
import ScopeBar, { SCOPE_HINT, type Scope } from '@/components/ScopeBar'
import UnionTree from '@/components/UnionTree'

export { initialScope, scopeQuery, type Scope } from '@/components/ScopeBar'

interface Props {
  roles: CadreRole[]
  value: Scope
  onChange: (scope: Scope) => void
  /** Words before the union's name, e.g. 统计范围. */
  label?: string
  /** One line at the top of the sheet. */
  hint?: string
  className?: string
}

/** Shows the union in scope and opens the union tree to change it: a union the cadre holds a role for, or any union below. */
export default function UnionScope({ roles, value, onChange, label = '管理范围', hint = SCOPE_HINT, className = '' }: Props) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <ScopeBar value={value} label={label} className={className} onClick={() => setOpen(true)} />
      <UnionTree
        open={open}
        onClose={() => setOpen(false)}
        title='选择工会'
        hint={hint}
        roots={roles.map((r) => ({ id: r.orgId, name: r.orgName }))}
        chooseHere
        value={value}
        onChoose={(s) => {
          setOpen(false)
          if (s.id !== value.id) onChange({ id: s.id, name: s.name })
        }}
      />
    </>
  )
}
