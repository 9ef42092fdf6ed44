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
    { root: 'packages/membership', pages: ['join/index', 'requests/index', 'transfer/index', 'verify/index'] },
    { root: 'packages/mine', pages: ['messages/index', 'profile/index', 'favorites/index', 'privacy/index', 'settings/index', 'deletion/index'] },
    { root: 'packages/admin', pages: ['join-requests/index', 'join-request/index', 'transfer-requests/index', 'orgs/index', 'org-applications/index', 'org-application/index', 'scope/index'] },
    { root: 'packages/org-apply', pages: ['apply/index', 'mine/index'] },
    { root: 'packages/mall', pages: ['detail/index', 'order/index', 'orders/index'] },
    { root: 'packages/admin-mall', pages: ['goods/index', 'goods-edit/index', 'verify/index', 'orders/index', 'adjust/index'] },
    { root: 'packages/activity', pages: ['detail/index', 'mine/index'] },
    { root: 'packages/admin-activity', pages: ['list/index', 'edit/index', 'participants/index', 'checkin/index'] },
    // 数据统计 alone: the chart library (≈570 KB) is downloaded only by the page that draws charts.
    { root: 'packages/admin-stats', pages: ['index'] },
    { root: 'packages/admin-tools', pages: ['roles/index', 'audit/index', 'member/index'] },
    { root: 'packages/news', pages: ['list/index', 'detail/index'] },
    { root: 'packages/services', pages: ['index'] },
    { root: 'packages/admin-news', pages: ['list/index', 'edit/index'] },
    // 名册导入: upload, preview and commit of a union's roster (工会会员实名制).
    { root: 'packages/admin-roster', pages: ['imports/index', 'import/index'] },
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
  // WeChat's privacy authorisation (wx.onNeedPrivacyAuthorization, handled in services/privacy): this
  // switch was required before 2023-09-15 and is harmless since (the check is always on). Taro copies
  // unknown keys into app.json as they are.
  __usePrivacyCheck__: true,
})
