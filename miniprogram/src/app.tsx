import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { startSession } from '@/services/session'
import { registerPrivacyAuthorization } from '@/services/privacy'

// NutUI theme variables (CSS custom properties). Component CSS comes per component via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Log in at launch (wx.login in WeChat; the demo-identity picker in local H5 builds).
    void startSession()
    // WeChat's privacy authorisation: weapp only, and only where the base library has the API
    // (wx.onNeedPrivacyAuthorization, ≥ 2.32.3). Pages render components/PrivacyPopup for the answer.
    // `__usePrivacyCheck__: true` must be in app.json (set in app.config.ts); see services/privacy.
    if (process.env.TARO_ENV === 'weapp') registerPrivacyAuthorization()
  })

  // `children` is the page being shown.
  return children
}

export default App
