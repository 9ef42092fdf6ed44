import type { Scope } from '@/components/ScopeBar'

/**
 * The union the 管理 tab's scope page (packages/admin/scope) picked, handed back to the tab when it shows
 * again. A module variable: both pages run in the one app runtime, on weapp and H5 alike.
 */
let picked: Scope | undefined

export function pickAdminScope(scope: Scope) {
  picked = scope
}

/** The pick, once (undefined when the page was left without choosing). */
export function takeAdminScope(): Scope | undefined {
  const scope = picked
  picked = undefined
  return scope
}
