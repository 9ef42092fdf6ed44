export default definePageConfig({
  navigationBarTitleText: '组织管理',
})
