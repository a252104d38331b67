/**
 * Draws a ChartModel as SVG: no inline styles (the webview's CSP refuses them), only geometry attributes and
 * classes that activity-chart.css colours from the theme.
 */
import type { ChartModel } from './activity-model.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number>, ...children: (SVGElement | string)[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

const round = (n: number): string => n.toFixed(1).replace(/\.0$/, '');

export function renderActivityChart(model: ChartModel): SVGSVGElement {
  const { plot } = model;
  const root = svg('svg', {
    class: 'hl-activity__svg',
    viewBox: `0 0 ${model.width} ${model.height}`,
    width: model.width,
    height: model.height,
    role: 'img',
    'aria-label': model.summary,
  });
  root.appendChild(svg('title', {}, model.summary));

  const grid = svg('g', { class: 'hl-activity__grid' });
  for (const tick of model.countTicks) grid.appendChild(svg('line', { x1: plot.left, x2: plot.right, y1: round(tick.y), y2: round(tick.y) }));
  root.appendChild(grid);

  const bars = svg('g', { class: 'hl-activity__bars' });
  for (const bar of model.bars) {
    if (bar.delivered.count === 0 && bar.failed.count === 0) continue;
    const group = svg('g', { class: 'hl-activity__bar' }, svg('title', {}, bar.title));
    if (bar.delivered.count > 0) {
      group.appendChild(svg('rect', { class: 'hl-activity__delivered', x: round(bar.x), y: round(bar.delivered.y), width: round(bar.width), height: round(bar.delivered.height) }));
    }
    if (bar.failed.count > 0) {
      group.appendChild(svg('rect', { class: 'hl-activity__failed', x: round(bar.x), y: round(bar.failed.y), width: round(bar.width), height: round(bar.failed.height) }));
    }
    bars.appendChild(group);
  }
  root.appendChild(bars);

  const p95 = svg('g', { class: 'hl-activity__p95' });
  for (const line of model.p95Lines) {
    if (line.length > 1) p95.appendChild(svg('polyline', { points: line.map((p) => `${round(p.x)},${round(p.y)}`).join(' ') }));
    for (const point of line) p95.appendChild(svg('circle', { cx: round(point.x), cy: round(point.y), r: 2.5 }, svg('title', {}, `p95 ${point.ms} ms`)));
  }
  root.appendChild(p95);

  const axes = svg('g', { class: 'hl-activity__axes' });
  axes.appendChild(svg('line', { class: 'hl-activity__axis', x1: plot.left, x2: plot.right, y1: plot.bottom, y2: plot.bottom }));
  for (const tick of model.countTicks) axes.appendChild(svg('text', { class: 'hl-activity__label hl-activity__label--count', x: plot.left - 4, y: round(tick.y + 3.5), 'text-anchor': 'end' }, tick.label));
  for (const tick of model.msTicks) axes.appendChild(svg('text', { class: 'hl-activity__label hl-activity__label--ms', x: plot.right + 4, y: round(tick.y + 3.5), 'text-anchor': 'start' }, tick.label));
  for (const label of model.timeLabels) {
    axes.appendChild(svg('text', { class: 'hl-activity__label hl-activity__label--time', x: round(label.x), y: model.height - 6, 'text-anchor': 'middle' }, label.label));
  }
  axes.appendChild(svg('text', { class: 'hl-activity__label hl-activity__label--title', x: 4, y: 9, 'text-anchor': 'start' }, 'per min'));
  axes.appendChild(svg('text', { class: 'hl-activity__label hl-activity__label--title hl-activity__label--ms', x: model.width - 4, y: 9, 'text-anchor': 'end' }, 'p95 ms'));
  root.appendChild(axes);
  return root;
}
