import { useEffect, type ReactNode } from 'react'
import { startSession, useSession, login, DEV_LOGIN } from '@/services/session'
import type { Me } from '@union/shared/me'
import { Blank, Loading } from '@/components/StateView'
import DevLoginPicker from '@/components/DevLoginPicker'

/**
 * Shows `children(me)` once logged in; meanwhile a skeleton, the demo-identity picker (local/test H5
 * builds only) or a login error with a retry.
 */
export default function SessionGate({ children }: { children: (me: Me) => ReactNode }) {
  const session = useSession()
  useEffect(() => {
    void startSession()
  }, [])
  if (session.me && session.status === 'ready') return <>{children(session.me)}</>
  if (DEV_LOGIN && session.status === 'pick-identity') return <DevLoginPicker />
  if (session.status === 'error') {
    return <Blank error title='登录失败' description={session.error} actionText='重新登录' onAction={() => void login().catch(() => {})} />
  }
  return <Loading rows={4} />
}
