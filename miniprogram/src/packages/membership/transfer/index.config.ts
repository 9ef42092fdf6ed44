export default definePageConfig({
  navigationBarTitleText: '转会申请',
})
