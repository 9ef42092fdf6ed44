export default definePageConfig({
  navigationBarTitleText: '工会服务',
})
