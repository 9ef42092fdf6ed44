import Taro, { useRouter } from '@tarojs/taro'
import type { Me } from '@union/shared/me'
import Page from '@/components/Page'
import SessionGate from '@/components/SessionGate'
import { SCOPE_HINT } from '@/components/ScopeBar'
import { UnionTreeBody } from '@/components/UnionTree'
import { pickAdminScope } from '@/store/admin-scope'

/**
 * The 管理 tab's union in scope, picked on a page of its own: the tree and its search stay in this
 * subpackage instead of a sheet in the weapp main package. `?orgId=` marks the union now in scope; the
 * pick goes back to the tab (store/admin-scope).
 */
function ScopePicker({ me }: { me: Me }) {
  const { params } = useRouter()
  return (
    <UnionTreeBody
      open
      hint={SCOPE_HINT}
      roots={me.roles.map((r) => ({ id: r.orgId, name: r.orgName }))}
      chooseHere
      value={params.orgId ? { id: params.orgId, name: '' } : undefined}
      onChoose={(org) => {
        pickAdminScope({ id: org.id, name: org.name })
        void Taro.navigateBack()
      }}
    />
  )
}

export default function AdminScopePage() {
  return (
    <Page className='admin-scope-page'>
      <SessionGate cadreOnly='管理功能'>{(me) => <ScopePicker me={me} />}</SessionGate>
    </Page>
  )
}
