import type { ReactNode } from 'react'
import type { Me } from '@union/shared/me'
import { Blank } from '@/components/StateView'
import './admin-mall.scss'

/** Renders the page for cadres only (the pages are reachable by URL). */
export function CadreOnly({ me, what, children }: { me: Me; what: string; children: ReactNode }) {
  if (me.roles.length === 0) return <Blank title='仅限工会干部' description={`${what}只对工会干部开放。`} />
  return <>{children}</>
}
