import AppTabBar from '../components/AppTabBar'

// weapp's custom tab bar (app.config.ts `tabBar.custom: true`). Its CSS lands in common.wxss, so it must
// accept global classes or it renders unstyled.
export default function CustomTabBar() {
  return <AppTabBar />
}

CustomTabBar.options = { addGlobalClass: true }
