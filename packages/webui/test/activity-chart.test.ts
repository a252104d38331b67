import assert from 'node:assert/strict';
import { activityWindow, bucketActivity, type ActivityGroup, type DeliverySummary, type HookActivity, type PublicHook } from '@hookline/core';
import { ActivityPanel } from '../src/activity/activity-panel.js';
import { mountCompanyWebhooks } from '../src/company-webhooks.js';
import { renderActivityChart } from '../src/activity/activity-chart.js';
import { CHART_HEIGHT, CHART_MARGIN, chartModel, describeActivity, niceCeiling } from '../src/activity/activity-model.js';
import { installDom, tick } from './support/dom.js';
import { FakeTimers } from './support/fake-timers.js';
import { FakeTransport } from './support/fake-transport.js';

const NOW = Date.parse('2026-03-04T10:20:30.000Z');
const utc = (iso: string): string => iso.slice(11, 16);

/** Activity as the relay builds it (core's bucketing), from groups chosen here. */
function activityOf(groups: ActivityGroup[], minutes?: number): HookActivity {
  return bucketActivity(1, activityWindow(minutes === undefined ? undefined : { minutes }, NOW), groups);
}

const GROUPS: ActivityGroup[] = [
  { minute: 50, ok: true, durationMs: 12, count: 8 },
  { minute: 50, ok: false, durationMs: 300, count: 2 },
  { minute: 51, ok: true, durationMs: 20, count: 4 },
  { minute: 59, ok: false, durationMs: 5000, count: 1 },
];

describe('activity chart model', () => {
  it('rounds axis tops to 1, 2 or 5 × 10^k', () => {
    assert.deepEqual([0, 1, 3, 7, 10, 11, 99, 230].map(niceCeiling), [1, 1, 5, 10, 10, 20, 100, 500]);
  });

  it('says what the window holds, as the accessible summary', () => {
    const activity = activityOf(GROUPS);
    assert.equal(describeActivity(activity), `last hour: 12 delivered, 3 failed, p95 ${activity.totals.p95Ms} ms`);
    assert.equal(describeActivity(activityOf([], 15)), 'last 15 minutes: 0 delivered, 0 failed, no p95 (no attempts)');
  });

  it('stacks failed on delivered per minute, to scale, with the p95 line broken where a minute is empty', () => {
    const activity = activityOf(GROUPS);
    const model = chartModel(activity, 640, utc);
    assert.equal(model.bars.length, 60);
    const plotHeight = CHART_HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
    const perAttempt = plotHeight / niceCeiling(10); // the busiest minute has 10 attempts
    const busiest = model.bars[50]!;
    assert.ok(Math.abs(busiest.delivered.height - 8 * perAttempt) < 1e-9);
    assert.ok(Math.abs(busiest.failed.height - 2 * perAttempt) < 1e-9);
    assert.ok(Math.abs(busiest.failed.y + busiest.failed.height - busiest.delivered.y) < 1e-9, 'failed sits on delivered');
    assert.equal(busiest.delivered.y + busiest.delivered.height, model.plot.bottom);
    assert.equal(model.bars[0]!.delivered.height + model.bars[0]!.failed.height, 0);
    assert.ok(model.bars[51]!.x > busiest.x);
    assert.equal(busiest.title, `10:11: 8 delivered, 2 failed, p95 ${activity.buckets[50]!.p95Ms} ms`);
    assert.deepEqual(model.p95Lines.map((line) => line.map((p) => p.ms)), [[activity.buckets[50]!.p95Ms, 20], [5000]]);
    const top = model.p95Lines[1]![0]!;
    assert.equal(top.y, model.plot.bottom - (5000 / niceCeiling(5000)) * plotHeight);
    assert.deepEqual(model.msTicks.map((t) => t.label), ['0 ms', '2500 ms', '5000 ms']);
    assert.deepEqual(model.countTicks.map((t) => t.label), ['0', '5', '10']);
    assert.equal(model.timeLabels.at(-1)?.label, '10:20', 'the current minute is named');
    assert.equal(model.timeLabels.length, 4);
  });

  it('renders SVG with geometry and classes only: a bar per busy minute, the line, labels and the summary', () => {
    const dom = installDom();
    try {
      const activity = activityOf(GROUPS);
      const svg = renderActivityChart(chartModel(activity, 640, utc));
      assert.equal(svg.getAttribute('role'), 'img');
      assert.equal(svg.getAttribute('aria-label'), describeActivity(activity));
      assert.equal(svg.querySelector('title')?.textContent, describeActivity(activity));
      assert.equal(svg.querySelectorAll('.hl-activity__bar').length, 3);
      assert.equal(svg.querySelectorAll('rect.hl-activity__delivered').length, 2);
      assert.equal(svg.querySelectorAll('rect.hl-activity__failed').length, 2);
      for (const rect of svg.querySelectorAll('rect')) assert.ok(Number(rect.getAttribute('height')) > 0);
      assert.equal(svg.querySelectorAll('.hl-activity__p95 polyline').length, 1);
      assert.equal(svg.querySelectorAll('.hl-activity__p95 circle').length, 3);
      const labels = [...svg.querySelectorAll('.hl-activity__label--time')].map((t) => t.textContent);
      assert.deepEqual(labels, ['09:35', '09:50', '10:05', '10:20'], 'every quarter, back from the current minute');
      assert.equal(svg.querySelectorAll('[style]').length + (svg.hasAttribute('style') ? 1 : 0), 0, 'no inline style (the CSP refuses it)');
    } finally {
      dom.uninstall();
    }
  });
});

describe('ActivityPanel (DOM)', () => {
  let dom: ReturnType<typeof installDom>;
  let timers: FakeTimers;
  let transport: FakeTransport;
  let answers: HookActivity[];
  beforeEach(() => {
    dom = installDom();
    timers = new FakeTimers();
    timers.now = NOW;
    answers = [activityOf(GROUPS)];
    transport = new FakeTransport().handle('hook.activity', () => ({ activity: answers[Math.min(answers.length - 1, transport.requests('hook.activity').length - 1)]! }));
  });
  afterEach(() => dom.uninstall());

  const updated = (hookId: number): void => transport.push({ type: 'delivery.updated', deliveries: [{ hookId } as DeliverySummary] });

  it('asks for the shown hook and draws its chart with the summary', async () => {
    const panel = new ActivityPanel({ transport, timers, now: () => timers.now });
    document.body.appendChild(panel.element);
    assert.equal(panel.element.hidden, true);
    panel.show(1);
    await tick();
    assert.deepEqual(transport.requests('hook.activity'), [{ hookId: 1 }]);
    assert.equal(panel.element.hidden, false);
    assert.equal(panel.element.querySelector('.hl-activity__summary')?.textContent, `Last hour: 12 delivered, 3 failed, p95 ${answers[0]!.totals.p95Ms} ms`);
    assert.equal(panel.element.querySelectorAll('svg .hl-activity__bar').length, 3);
    panel.show(null);
    assert.equal(panel.element.hidden, true);
    panel.dispose();
    assert.equal(transport.listenerCount, 0);
  });

  it('follows the hook’s delivery pushes at most once a second, and ignores other hooks', async () => {
    const panel = new ActivityPanel({ transport, timers, now: () => timers.now });
    panel.show(1);
    await tick();
    updated(2);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 1, 'another hook’s delivery changes nothing');
    for (let i = 0; i < 5; i++) updated(1);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 1, 'throttled');
    timers.advance(999);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 1);
    timers.advance(1);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 2, 'one request for the burst');
    answers.push(activityOf([{ minute: 59, ok: true, durationMs: 7, count: 30 }]));
    timers.advance(1000);
    updated(1);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 3, 'a second later a change asks at once');
    assert.match(panel.element.querySelector('svg')?.getAttribute('aria-label') ?? '', /^last hour: 30 delivered, 0 failed, p95 7 ms$/);
    panel.dispose();
  });

  it('asks again when the minute turns, so the window moves while nothing happens', async () => {
    const panel = new ActivityPanel({ transport, timers, now: () => timers.now });
    panel.show(1);
    await tick();
    timers.advance(29_000); // 10:20:59
    await tick();
    assert.equal(transport.requests('hook.activity').length, 1);
    timers.advance(1_500); // past 10:21:00
    await tick();
    assert.equal(transport.requests('hook.activity').length, 2);
    timers.advance(60_000);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 3);
    panel.dispose();
    timers.advance(120_000);
    await tick();
    assert.equal(transport.requests('hook.activity').length, 3, 'nothing after dispose');
    assert.equal(timers.pending, 0);
  });

  it('drops a reply for a hook no longer shown, and says when the activity cannot be read', async () => {
    let release: (() => void) | undefined;
    const slow = new FakeTransport()
      .handle('hook.activity', ({ hookId }) =>
        hookId === 1 ? new Promise((resolve) => (release = () => resolve({ activity: activityOf(GROUPS) }))) : Promise.reject(Object.assign(new Error('No hook with id 2.'), { code: 'HOOKLINE_ERR_HOOK_NOT_FOUND' })),
      );
    const panel = new ActivityPanel({ transport: slow, timers, now: () => timers.now });
    panel.show(1);
    panel.show(2);
    await tick();
    release?.();
    await tick();
    assert.equal(panel.element.querySelector('svg'), null, 'hook 1’s late answer is not drawn for hook 2');
    assert.match(panel.element.querySelector('.hl-activity__status--error')?.textContent ?? '', /could not be loaded: No hook with id 2\./);
    panel.dispose();
  });
});

describe('Company Webhooks with the activity chart (DOM)', () => {
  it('shows the selected hook’s chart and follows the picker', async () => {
    const dom = installDom();
    try {
      const hook = (id: number): PublicHook => ({
        id, namespace: `hook-${id}`, destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active',
        companyId: '1', projectId: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      });
      const transport = new FakeTransport()
        .handle('resources.list', () => ({ resources: [] }))
        .handle('hooks.list', () => ({ hooks: [hook(1), hook(2)] }))
        .handle('triggers.get', ({ hookId }) => ({ hookId, grid: {} }))
        .handle('hook.activity', ({ hookId }) => ({ activity: { ...activityOf(hookId === 1 ? GROUPS : []), hookId } }));
      const root = document.createElement('div');
      document.body.appendChild(root);
      const mounted = mountCompanyWebhooks(root, transport);
      await tick(5);
      assert.deepEqual(transport.requests('hook.activity'), [{ hookId: 1 }]);
      assert.equal(root.querySelectorAll('.hl-activity svg .hl-activity__bar').length, 3);
      const picker = root.querySelector('select') as HTMLSelectElement;
      picker.value = '2';
      picker.dispatchEvent(new Event('change'));
      await tick(5);
      assert.deepEqual(transport.requests('hook.activity').at(-1), { hookId: 2 });
      assert.equal(root.querySelectorAll('.hl-activity svg .hl-activity__bar').length, 0);
      assert.match(root.querySelector('.hl-activity__summary')?.textContent ?? '', /^Last hour: 0 delivered, 0 failed/);
      mounted.dispose();
      assert.equal(root.querySelector('.hl-activity'), null);
    } finally {
      dom.uninstall();
    }
  });
});
