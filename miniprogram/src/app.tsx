import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'

// NutUI theme variables (CSS custom properties). Component CSS comes per component via babel-plugin-import.
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Log in and load /v1/me here (sets the cadre flag for the tab bar).
  })

  // `children` is the page being shown.
  return children
}

export default App
