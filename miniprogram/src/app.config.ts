export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/mall/index',
    'pages/activities/index',
    'pages/mine/index',
    'pages/admin/index',
  ],
  // Everything beyond the tabs lives in subpackages so the main package stays small (< 800 KB).
  subPackages: [
    { root: 'packages/membership', pages: ['join/index', 'requests/index', 'transfer/index'] },
    { root: 'packages/mine', pages: ['messages/index'] },
    { root: 'packages/admin', pages: ['join-requests/index', 'join-request/index', 'transfer-requests/index'] },
    { root: 'packages/mall', pages: ['detail/index', 'order/index', 'orders/index'] },
    { root: 'packages/admin-mall', pages: ['goods/index', 'goods-edit/index', 'verify/index', 'orders/index', 'adjust/index'] },
    { root: 'packages/activity', pages: ['detail/index', 'mine/index'] },
    { root: 'packages/admin-activity', pages: ['list/index', 'edit/index', 'participants/index', 'checkin/index'] },
  ],
  window: {
    navigationBarTitleText: '指尖上的工会',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'light',
  },
  // Drawn by src/custom-tab-bar on weapp and by each tab page on H5 (Taro H5 ignores `custom`).
  // Every tab, 管理 included, stays in the list so Taro.switchTab works on both.
  tabBar: {
    custom: true,
    color: '#505259',
    selectedColor: '#d9001b',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mall/index', text: '商城' },
      { pagePath: 'pages/activities/index', text: '活动' },
      { pagePath: 'pages/mine/index', text: '我的' },
      { pagePath: 'pages/admin/index', text: '管理' },
    ],
  },
  // WeChat's code-quality audit (LAZYCODE_LOADING_OPEN) requires on-demand component injection.
  lazyCodeLoading: 'requiredComponents',
})
