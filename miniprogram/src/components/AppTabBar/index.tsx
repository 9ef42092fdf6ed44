import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Tabbar } from '@nutui/nutui-react-taro'
import { Gift, Home, Setting, Star, User } from '@nutui/icons-react-taro'
import { currentRoute, normalizeRoute, setTabRoute, useTabBarState } from '@/store/tabbar'
import './index.scss'

export interface TabItem {
  route: string
  title: string
  Icon: typeof Home
  cadreOnly?: boolean
}

/** Same order as `tabBar.list` in app.config.ts. */
export const TABS: readonly TabItem[] = [
  { route: 'pages/index/index', title: '首页', Icon: Home },
  { route: 'pages/mall/index', title: '商城', Icon: Gift },
  { route: 'pages/activities/index', title: '活动', Icon: Star },
  { route: 'pages/mine/index', title: '我的', Icon: User },
  { route: 'pages/admin/index', title: '管理', Icon: Setting, cadreOnly: true },
]

export interface AppTabBarProps {
  /** Show 管理. Defaults to the tab-bar store (`setCadre`). */
  isCadre?: boolean
  /** Selected route. Defaults to the route of the tab page now shown. */
  route?: string
}

/**
 * The app's tab bar. On weapp it is the custom tab bar (src/custom-tab-bar); on H5, where Taro draws no
 * tab bar for `custom: true`, every tab page renders it itself.
 */
export default function AppTabBar({ isCadre, route }: AppTabBarProps) {
  const state = useTabBarState()
  const cadre = isCadre ?? state.isCadre
  const selectedRoute = normalizeRoute(route) || state.route || currentRoute()
  const tabs = TABS.filter((t) => !t.cadreOnly || cadre)
  const selected = tabs.findIndex((t) => t.route === selectedRoute)

  const onSwitch = (index: number) => {
    const tab = tabs[index]
    if (!tab || tab.route === selectedRoute) return
    Taro.switchTab({ url: `/${tab.route}` })
  }

  return (
    <Tabbar className='app-tabbar' fixed safeArea value={selected} onSwitch={onSwitch}>
      {tabs.map(({ route: r, title, Icon }) => (
        <Tabbar.Item key={r} title={title} icon={<Icon />} />
      ))}
    </Tabbar>
  )
}

/**
 * Call in every tab page: marks that page's tab as selected whenever the page is shown (on weapp each
 * tab page has its own custom-tab-bar instance, which reads this from the store).
 */
export function useTabPage() {
  const { path } = useRouter()
  useDidShow(() => {
    setTabRoute(path || currentRoute())
  })
}
