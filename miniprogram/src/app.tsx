import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { startSession } from '@/services/session'

// NutUI theme variables (CSS custom properties). Component CSS comes per component via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Log in at launch (wx.login in WeChat; the demo-identity picker in local H5 builds).
    void startSession()
  })

  // `children` is the page being shown.
  return children
}

export default App
