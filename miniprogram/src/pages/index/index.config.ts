export default definePageConfig({
  navigationBarTitleText: '指尖上的工会',
  enablePullDownRefresh: true,
})
