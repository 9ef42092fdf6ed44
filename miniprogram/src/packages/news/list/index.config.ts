export default definePageConfig({
  navigationBarTitleText: '工会资讯',
  enablePullDownRefresh: true,
})
