import Echarts from 'taro-react-echarts'
// Only what this page draws: the whole of echarts would be ≈1 MB. This subpackage is the only place
// the chart library is bundled.
import * as echarts from 'echarts/core'
import { BarChart, FunnelChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { View } from '@tarojs/components'

echarts.use([LineChart, BarChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

export type ChartOption = Record<string, any>

/**
 * One chart, `height` CSS px high and as wide as its card. Rendered once data is there, i.e. after the
 * page's onReady: `isPage={false}` makes the component initialise on mount rather than wait for a
 * ready event that has already passed (weapp).
 */
export default function Chart({ option, height, className = '' }: { option: ChartOption; height: number; className?: string }) {
  return (
    <View className={`stats-chart ${className}`} style={{ height: `${height}px` }}>
      <Echarts echarts={echarts} option={option} isPage={false} style={{ height: `${height}px` }} />
    </View>
  )
}
