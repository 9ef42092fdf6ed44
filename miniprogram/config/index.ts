import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// Written by hand (no `taro init`). See ../../shared/toolchain.md for why each NutUI setting is here.

const STAGES = ['local', 'test', 'prod'] as const
type Stage = (typeof STAGES)[number]

/** The workspace package `@union/shared` (TypeScript sources, symlinked into node_modules). */
const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src')
/**
 * The same files seen through the symlink. webpack resolves symlinks to real paths, so `sharedSrc` is
 * what `compile.include` matches (Taro's config validator accepts only strings there).
 */
const sharedViaNodeModules = /node_modules[\\/]@union[\\/]shared[\\/]/

function readEnv() {
  const api = (process.env.TARO_APP_API || 'http://127.0.0.1:3000').replace(/\/+$/, '')
  const stage = (process.env.TARO_APP_STAGE || 'local') as Stage
  if (!STAGES.includes(stage)) {
    throw new Error(`TARO_APP_STAGE must be one of ${STAGES.join(', ')}; got "${stage}"`)
  }
  if (!/^https?:\/\//.test(api)) {
    throw new Error(`TARO_APP_API must be an http(s) URL; got "${api}"`)
  }
  return { api, stage }
}

/** A hash of the shared schemas' sources: data the app kept on the device is bound to it (services/kept). */
function sharedShapes(): string {
  const hash = crypto.createHash('sha256')
  for (const name of fs.readdirSync(sharedSrc, { recursive: true }).map(String).sort()) {
    const file = path.join(sharedSrc, name)
    if (name.endsWith('.ts') && fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file))
  }
  return hash.digest('hex').slice(0, 12)
}

const miniTerser = {
  enable: true,
  config: {
    compress: { collapse_vars: true, comparisons: true, computed_props: true, hoist_props: true, inline: true, loops: true, properties: true, reduce_funcs: true, reduce_vars: true, switches: true, typeofs: true, passes: 2 },
    output: { ascii_only: false },
  },
}

/** Taro's webpack5 runner hands every platform's chain to this. */
function webpackChain(chain: any) {
  // `@union/shared` may be written with NodeNext-style `./x.js` specifiers that point at `./x.ts`.
  // Scope the alias to requests made from those files only.
  chain.module
    .rule('union-shared-resolve')
    .include.add(sharedSrc).add(sharedViaNodeModules).end()
    .resolve.set('extensionAlias', { '.js': ['.ts', '.js'] })
  // NutUI's icon index only re-exports, but its package.json declares it side-effectful, so importing one
  // icon (ours or NutUI's own components) bundled all 203 (≈54 KB of the weapp main package).
  chain.module
    .rule('nutui-icons-pure')
    .test(/@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/)
    .sideEffects(false)
}

/**
 * Mini only. `WEAPP_STATS=<file>` writes each chunk's modules (size before minifying, largest first) there:
 * what fills vendors.js/common.js of the main package (`scripts/weapp-size.ts --modules` lists them).
 */
function miniWebpackChain(chain: any) {
  webpackChain(chain)
  chain.resolve.alias.set('lodash.kebabcase$', path.resolve(__dirname, 'shims', 'kebab-case.js'))
  // Licence banners stay in the bundles' sources, not as an extra vendors.js.LICENSE.txt in the package.
  if (chain.optimization.minimizers.has('terserPlugin')) {
    chain.optimization.minimizer('terserPlugin').tap(([options]: [object]) => [{ ...options, extractComments: false }])
  }
  const statsFile = process.env.WEAPP_STATS
  if (!statsFile) return
  chain.plugin('weapp-stats').use(class {
    apply(compiler: any) {
      compiler.hooks.done.tap('weapp-stats', ({ compilation }: any) => {
        const { chunkGraph, requestShortener } = compilation
        const chunks: Record<string, [number, string][]> = {}
        for (const chunk of compilation.chunks) {
          const modules: [number, string][] = []
          for (const module of chunkGraph.getChunkModulesIterable(chunk)) {
            // Concatenated (scope-hoisted) modules: list what they are made of.
            for (const part of module.modules ?? [module]) modules.push([part.size(), part.readableIdentifier(requestShortener)])
          }
          chunks[chunk.name ?? String(chunk.id)] = modules.sort((a, b) => b[0] - a[0])
        }
        fs.writeFileSync(statsFile, JSON.stringify(chunks))
      })
    }
  })
}

/** The page every open of the app shows first (the first of app.config's pages). */
const HOME_PAGE = 'pages/index/index'

/** H5 only. */
function h5WebpackChain(chain: any) {
  webpackChain(chain)
  taroRouterPageFix(chain)
  taroPullDownFix(chain)
  // The home page ships in the initial chunks instead of ~35 lazily requested ones (see the loader).
  chain.plugin('eager-home-page').use(EagerHomePagePlugin)
  // `H5_STATS=<file>`: each chunk's modules, to see what the first screen loads before cutting it.
  if (process.env.H5_STATS) chain.plugin('stats-dump').use(StatsDumpPlugin, [process.env.H5_STATS])
  // Taro splits `initial` chunks only, so every page chunk would carry its own copy of what the pages share
  // (the tab bar, NutUI, icons). Share those between the lazily loaded pages too.
  const splitChunks = chain.optimization.get('splitChunks')
  if (!splitChunks) return
  chain.optimization.splitChunks({
    ...splitChunks,
    cacheGroups: {
      ...splitChunks.cacheGroups,
      pagesShared: {
        chunks: 'async',
        minChunks: 2,
        priority: 5,
        reuseExistingChunk: true,
      },
    },
  })
}

/** The page handler with cancellable transition timers (why: shims/taro-router-page.js). */
const ROUTER_PAGE_FIX = path.resolve(__dirname, 'shims', 'taro-router-page.js')
/** The pull-down component that finds its page (why: shims/taro-pull-down-refresh.js). */
const PULL_DOWN_FIX = path.resolve(__dirname, 'shims', 'taro-pull-down-refresh.js')

/**
 * Going back while a page slides in left the page below blank (shims/taro-router-page.js). Taro aliases
 * `@tarojs/router` to its one-file build, where the page handler cannot be reached; its per-module build is the
 * same code, so the app uses that one (this chain runs after Taro's, so the alias wins) and its router gets our
 * page handler in place of `./page.js`.
 */
function taroRouterPageFix(chain: any) {
  chain.resolve.alias.set('@tarojs/router$', require.resolve('@tarojs/router/dist/index.js'))
  swapTaroModule(chain, 'taro-router-page-fix', /[\\/]@tarojs[\\/]router[\\/]dist[\\/]router$/, /^\.\/page\.js$/, ROUTER_PAGE_FIX)
}

/**
 * A finger pull-down reached no page's onPullDownRefresh (shims/taro-pull-down-refresh.js): the component
 * Taro's loader hands the router (`PullDownRefresh` of @tarojs/components-react) gets our subclass in place of
 * its `./components/pull-down-refresh/index.js`.
 */
function taroPullDownFix(chain: any) {
  swapTaroModule(chain, 'taro-pull-down-fix', /[\\/]@tarojs[\\/]components-react[\\/]dist$/, /^\.\/components\/pull-down-refresh\/index\.js$/, PULL_DOWN_FIX)
}

/**
 * Requests matching `request` made from a directory matching `fromDir` get `shim` instead (the shim itself imports
 * the original by its package path, which is not swapped). The build fails if nothing was swapped: a Taro
 * upgrade that moves the file must not drop the fix silently.
 */
function swapTaroModule(chain: any, name: string, fromDir: RegExp, request: RegExp, shim: string) {
  chain.plugin(name).use(class {
    apply(compiler: any) {
      let swapped = false
      new compiler.webpack.NormalModuleReplacementPlugin(request, (resolveData: any) => {
        if (!fromDir.test(resolveData.context)) return
        resolveData.request = shim
        swapped = true
      }).apply(compiler)
      compiler.hooks.afterCompile.tap(name, (compilation: any) => {
        if (!swapped && !compilation.compiler.isChild()) compilation.errors.push(new Error(`${name}: ${request} was not imported from ${fromDir}; see config/shims/${path.basename(shim)}`))
      })
    }
  })
}

/**
 * Puts config/h5-eager-home-loader.cjs right after Taro's h5 loader on the app entry (Taro adds its loader in
 * the same hook; a later stage sees it there).
 */
class EagerHomePagePlugin {
  apply(compiler: any) {
    compiler.hooks.compilation.tap('EagerHomePage', (compilation: any) => {
      compiler.webpack.NormalModule.getCompilationHooks(compilation).loader.tap({ name: 'EagerHomePage', stage: 100 }, (_context: any, module: any) => {
        const taro = module.loaders.findIndex((l: any) => /taro-loader[\\/]lib[\\/]h5/.test(l.loader))
        if (taro < 0 || !/[\\/]app\.(config|boot)(\.[jt]s)?$/.test(module.resource)) return
        module.loaders.splice(taro, 0, { loader: path.resolve(__dirname, 'h5-eager-home-loader.cjs'), options: { page: HOME_PAGE }, ident: null, type: null })
      })
    })
  }
}

class StatsDumpPlugin {
  constructor(private file: string) {}
  apply(compiler: any) {
    compiler.hooks.done.tap('StatsDump', (stats: any) => {
      fs.writeFileSync(this.file, JSON.stringify(stats.toJson({ all: false, chunks: true, chunkModules: true, modules: true, nestedModules: true, dependentModules: true, ids: true, assets: true, entrypoints: true, chunkRelations: true, modulesSpace: Infinity, nestedModulesSpace: Infinity, groupModulesByType: false, groupModulesByPath: false, groupModulesByExtension: false, groupModulesByAttributes: false, groupModulesByCacheStatus: false, groupModulesByLayer: false })))
    })
  }
}

export default defineConfig<'webpack5'>(async () => {
  const { api, stage } = readEnv()

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhijian-gonghui',
    date: '2025-11-24',
    // NutUI is designed at 375 px; our own styles at Taro's default 750.
    designWidth(input?: any) {
      const file: string = input?.file?.replace(/\\+/g, '/') ?? ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // H5: one folder per stage (scripts/lib/build.ts#h5Output), so a test build never replaces the local app.
    outputRoot: process.env.TARO_ENV === 'h5' ? `dist/h5-${stage}` : `dist/${process.env.TARO_ENV}`,
    // The shared mixins (action bar, tap targets…), available in every stylesheet; they emit nothing unused.
    sass: { resource: ['src/styles/mixins.scss'], projectDirectory: path.resolve(__dirname, '..') },
    plugins: [],
    // Only these reach the app (as `process.env.TARO_APP_*`); read from the shell at build time.
    env: {
      TARO_APP_API: JSON.stringify(api),
      TARO_APP_STAGE: JSON.stringify(stage),
      // WeChat subscribe-message template for the join result (empty: the app does not ask).
      TARO_APP_SUBSCRIBE_TEMPLATE_JOIN: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_JOIN || ''),
      TARO_APP_SUBSCRIBE_TEMPLATE_SIGNIN: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_SIGNIN || ''),
      TARO_APP_SUBSCRIBE_TEMPLATE_EXPIRY: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATE_EXPIRY || ''),
      TARO_APP_SHAPES: JSON.stringify(sharedShapes()),
    },
    defineConstants: {},
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // weapp templates cannot recurse: Taro writes one copy of every container's template per level into
    // base.wxml (≈2.9 KB a level) and renders deeper nodes through its `comp` component. The tab pages
    // measured 8 levels at most (home; H5 DOM depth − 1), so 10 keeps them all in templates and drops six
    // levels (≈17 KB of the main package) that only deep subpackage forms would reach.
    baseLevel: 10,
    compiler: {
      type: 'webpack5',
      // Pre-bundling only runs in watch (development) builds. Keep NutUI out of it so
      // babel-plugin-import still splits it per component, and the workspace package out of it so
      // edits to shared/ are picked up.
      prebundle: {
        exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro', '@union/shared'],
      },
    },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // Font sizes follow WeChat's setting and 长辈模式 (see the plugin).
        './config/postcss-font-scale.cjs': { enable: true },
        './config/postcss-drop-rtl.cjs': { enable: true },
      },
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: { include: [sharedSrc] },
      optimizeMainPackage: { enable: true },
      // Taro's weapp defaults switch most of terser's compression off and escape every Chinese character
      // as \uXXXX (6 bytes instead of 3; ≈8 KB of the main package). WeChat reads UTF-8 sources, and the
      // options turned back on here are terser's own defaults (as on H5); the output stays ES5. Taro reads
      // `terser` from the platform's merged config; its types list it only at the top level, where it would
      // change the H5 build as well.
      ...({ terser: miniTerser } as object),
      webpackChain: miniWebpackChain,
    },
    h5: {
      // Served as static files; hash routing means every URL is index.html, so relative assets work
      // from any directory.
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's React components as plain React + HTML (@tarojs/components-react) instead of Stencil web
      // components: no custom-element runtime (≈150 KB) to load and run before the first page renders.
      useHtmlComponents: true,
      // Fast Refresh would need @pmmmwh/react-refresh-webpack-plugin; watch builds just reload.
      devServer: { hot: false },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
        './config/postcss-font-scale.cjs': { enable: true },
        './config/postcss-drop-rtl.cjs': { enable: true },
      },
      // The router and pull-down fixes are ours: compiled for the app's browsers like src/.
      compile: { include: [sharedSrc, ROUTER_PAGE_FIX, PULL_DOWN_FIX] },
      webpackChain: h5WebpackChain,
    },
  }

  return baseConfig
})
