export default definePageConfig({
  navigationBarTitleText: '选择管理范围',
})
