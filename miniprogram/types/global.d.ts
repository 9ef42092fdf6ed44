/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro: the build mode. */
    NODE_ENV: 'development' | 'production'
    /** Set by Taro: the platform being built (`taro build --type …`). */
    TARO_ENV: 'weapp' | 'h5' | 'swan' | 'alipay' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** Base URL of the HTTP API, without a trailing slash. Default `http://127.0.0.1:3000` (the local stack). */
    TARO_APP_API: string
    /** Which back-end stage the build talks to. Default `local`. */
    TARO_APP_STAGE: 'local' | 'test' | 'prod'
    /** WeChat subscribe-message template id for the join-request result; empty when not configured. */
    TARO_APP_SUBSCRIBE_TEMPLATE_JOIN: string
    TARO_APP_SUBSCRIBE_TEMPLATE_SIGNIN: string
    TARO_APP_SUBSCRIBE_TEMPLATE_EXPIRY: string
    /** A hash of shared/src at build time: what the app keeps on the device is bound to it (services/kept). */
    TARO_APP_SHAPES: string
  }
}
