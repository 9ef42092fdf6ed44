// weapp needs the custom tab bar declared as a component; Taro writes this to custom-tab-bar/index.json.
// Taro adds its recursive-template helper `comp` to pages only; a component needs it declared here.
export default {
  component: true,
  usingComponents: {
    comp: '../comp',
  },
}
