export default definePageConfig({
  navigationBarTitleText: '干部管理',
  enablePullDownRefresh: true,
})
