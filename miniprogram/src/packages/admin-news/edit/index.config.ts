export default definePageConfig({
  navigationBarTitleText: '撰写资讯',
})
