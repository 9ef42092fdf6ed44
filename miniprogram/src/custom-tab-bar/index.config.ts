// weapp needs the custom tab bar declared as a component; Taro writes this to custom-tab-bar/index.json.
export default {
  component: true,
}
