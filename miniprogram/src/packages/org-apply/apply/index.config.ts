export default definePageConfig({
  navigationBarTitleText: '申请建会',
})
