import { useEffect, type ReactNode } from 'react'
import { startSession, useSession, login, DEV_LOGIN } from '@/services/session'
import type { Me } from '@union/shared/me'
import { Blank, Loading } from '@/components/StateView'
import DevLoginPicker from '@/components/DevLoginPicker'

/**
 * Shows `children(me)` once logged in; meanwhile a skeleton, the demo-identity picker (local/test H5
 * builds only) or a login error with a retry. With `cadreOnly` (what the page is, e.g. 入会审核) a person
 * holding no cadre role sees that it is for cadres only (the pages are reachable by URL).
 */
export default function SessionGate({ children, cadreOnly }: { children: (me: Me) => ReactNode; cadreOnly?: string }) {
  const session = useSession()
  useEffect(() => {
    void startSession()
  }, [])
  // A re-login behind the last known state (an expired token) keeps the page on screen.
  if (session.me && (session.status === 'ready' || session.status === 'logging-in')) {
    if (cadreOnly && session.me.roles.length === 0) return <Blank title='仅限工会干部' description={`${cadreOnly}只对工会干部开放。`} />
    return <>{children(session.me)}</>
  }
  if (DEV_LOGIN && session.status === 'pick-identity') return <DevLoginPicker />
  if (session.status === 'error') {
    return <Blank error title='登录失败' description={session.error} actionText='重新登录' onAction={() => void login().catch(() => {})} />
  }
  return <Loading rows={4} />
}
