// H5 only: Taro 4.2.1's pull-down component for `useHtmlComponents` (@tarojs/components-react
// dist/components/pull-down-refresh) with the page container as its scroll container. config/index.ts swaps it
// in for the original inside @tarojs/components-react's own index.
//
// The React port copied the Stencil component's `this.el.parentElement` (the host element's parent: the page
// container) as `this.contentRef.parentElement`, which is the component's own wrapper div. So a finger pull:
//  - never reached the page: the page instance (`__page`, whose onPullDownRefresh runs usePullDownRefresh's
//    handlers) is on the page container, not on that div;
//  - took the wrapper's scrollTop (always 0) for the page's: a finger dragging down on a page scrolled down
//    pulled the indicator and had its touchmove cancelled instead of scrolling the page back up.
// Drop this file when Taro fixes it (tests/e2e/offer-paging pulls with a finger).
import TaroPullDownRefresh from '@tarojs/components-react/dist/components/pull-down-refresh/index.js'
import { createForwardRefComponent } from '@tarojs/components-react/dist/utils/index.js'

// Only the forwardRef wrapper is exported; what its render function renders is Taro's class component.
const Base = TaroPullDownRefresh.render({}, null).type
if (typeof Base !== 'function' || !Object.getOwnPropertyDescriptor(Base.prototype, 'scrollContainer')) {
  throw new Error('taro-pull-down-refresh: Taro\'s PullDownRefresh changed; see config/shims/taro-pull-down-refresh.js')
}

class PagePullDownRefresh extends Base {
  get scrollContainer() {
    // Before the first render there is no content element yet: Taro's own guess (any page) is only used to
    // choose the markup.
    return this.contentRef?.closest('.taro_page') ?? super.scrollContainer
  }
}

export default createForwardRefComponent(PagePullDownRefresh)
