// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import rewrites `import { Button } from '@nutui/nutui-react-taro'` to the component's own
// module plus its CSS, so only the components actually used (and their styles) reach the bundle.
const NUTUI = '@nutui/nutui-react-taro/dist/es/packages'

module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // No React Fast Refresh in H5 watch builds (it needs extra packages); see h5.devServer.hot.
      hot: false,
    }],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => `${NUTUI}/${name.toLowerCase()}`,
        customStyleName: (name) => `${NUTUI}/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
