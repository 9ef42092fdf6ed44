export default definePageConfig({
  navigationBarTitleText: '名册预览',
})
