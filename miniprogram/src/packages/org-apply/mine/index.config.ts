export default definePageConfig({
  navigationBarTitleText: '我的建会申请',
  enablePullDownRefresh: true,
})
