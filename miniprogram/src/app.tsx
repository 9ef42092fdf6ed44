import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { startSession } from '@/services/session'
import { registerPrivacyAuthorization } from '@/services/privacy'
import { prefetchHomeFeed } from '@/services/home-feed'

// NutUI's component CSS comes per component via babel-plugin-import. Its theme file is not imported: every
// component rule carries the default theme's value as its fallback, and the theme's 25 KB (16 KB of it an
// embedded digit font for badges and prices) sat in the weapp main package; app.scss sets what we change
// and the few variables NutUI reads without a fallback.
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Log in at launch (wx.login in WeChat; the demo-identity picker in local H5 builds).
    void startSession()
    // A returning member's home asks for news and activities now, in parallel with the session's refresh.
    prefetchHomeFeed()
    // WeChat's privacy authorisation: weapp only, and only where the base library has the API
    // (wx.onNeedPrivacyAuthorization, ≥ 2.32.3). Pages render components/PrivacyPopup for the answer.
    // `__usePrivacyCheck__: true` must be in app.json (set in app.config.ts); see services/privacy.
    if (process.env.TARO_ENV === 'weapp') registerPrivacyAuthorization()
  })

  // `children` is the page being shown.
  return children
}

export default App
