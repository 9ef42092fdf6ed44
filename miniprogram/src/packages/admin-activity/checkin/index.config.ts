export default definePageConfig({
  navigationBarTitleText: '现场签到',
  navigationBarBackgroundColor: '#d9001b',
  navigationBarTextStyle: 'white',
})
