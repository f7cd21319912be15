/**
 * npm run bench:classify — classifier throughput and latency on one core (not a test).
 *
 * Measures: model load time (cold, first load in this process), classifications per second and
 * p50/p99 latency for short (~50 chars) and long (~2,000 chars) texts in mixed languages, and
 * RSS/heap after load. Texts are synthetic (the gold set stays out of benchmarks) but realistic:
 * English, simplified and traditional Chinese, and mixed.
 */
import { performance } from 'node:perf_hooks';
import { loadClassifier } from '../src/modules/classification/classifier.ts';

const SHORT = [
  'My parcel was marked delivered but never arrived, refund?',
  'Please add a dark mode to the app, my eyes will thank you!',
  '请问会员到期以后自动续费在哪里可以关闭呀？我找了半天都没找到入口，麻烦告诉我一下谢谢',
  '外卖送到的时候已经凉了，而且少了一份饮料，打电话给商家也没人接，太失望了，要求退款',
  '希望能增加夜間客服，晚上有問題都找不到人處理，如果能在APP裡直接留言就更好了謝謝',
  '為什麼我的退款兩個星期了還沒到帳？已經打了三次電話，每次都說再等等，到底要等多久',
  'How do I change the delivery address on order 55812?',
  '我的iPhone订单什么时候发货? order 12345 thanks, need it by Friday',
];

const PARAGRAPHS = [
  'I ordered a sofa from your website six weeks ago and was promised delivery within ten working days. ',
  'Since then the date has been moved three times, nobody calls back, and the chat closes my tickets. ',
  'I would like to know when it will arrive, and frankly I expect some compensation for the wasted days off work. ',
  '我上个月在你们店里买了一台洗衣机，安装师傅迟到了三个小时，装好以后第二天就开始漏水。',
  '打了好几次客服电话，每次都说会有人联系我，但是到现在都没有任何回复，真的很失望。',
  '希望你们能尽快安排人上门检查，如果修不好请给我换一台新的，或者直接退款。',
  '醫院的掛號系統很不方便，每次都要排很久，建議可以增加線上叫號查詢的功能，讓病人不用一直在現場等。',
];

function makeLong(seed: number, target = 2000): string {
  let s = '';
  let i = seed;
  while (s.length < target) s += PARAGRAPHS[i++ % PARAGRAPHS.length];
  return s.slice(0, target);
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
}

function run(label: string, texts: string[], iterations: number, classify: (t: string) => unknown): void {
  // Warm-up so the JIT has optimised the hot path before timing.
  for (let i = 0; i < Math.min(iterations, 20000); i++) classify(texts[i % texts.length] as string);
  const latencies = new Float64Array(iterations);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    classify(texts[i % texts.length] as string);
    latencies[i] = performance.now() - t0;
  }
  const total = performance.now() - start;
  latencies.sort();
  const avgChars = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);
  console.log(
    `${label.padEnd(6)} (${avgChars} chars avg): ${Math.round((iterations / total) * 1000).toLocaleString('en-US')} classifications/s; ` +
      `latency p50 ${(percentile(latencies, 0.5) * 1000).toFixed(1)} µs, p99 ${(percentile(latencies, 0.99) * 1000).toFixed(1)} µs, ` +
      `max ${(percentile(latencies, 1) * 1000).toFixed(0)} µs`,
  );
}

const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
const before = process.memoryUsage();
const t0 = performance.now();
const classifier = loadClassifier();
const loadMs = performance.now() - t0;
const after = process.memoryUsage();
console.log(
  `model ${classifier.modelVersion}: loadClassifier() ${loadMs.toFixed(1)} ms (first load in this process); ` +
    `ready ${performance.now().toFixed(0)} ms after process start (includes Node + tsx start-up)`,
);
const t1 = performance.now();
loadClassifier();
console.log(`second load (files in page cache, JIT warm): ${(performance.now() - t1).toFixed(1)} ms`);
console.log(`memory after load: RSS ${mb(after.rss)} (+${mb(after.rss - before.rss)}), heap used ${mb(after.heapUsed)}, array buffers ${mb(after.arrayBuffers)}`);

const classify = (t: string): unknown => classifier.classify(t);
run('short', SHORT, 200_000, classify);
const longs = Array.from({ length: 16 }, (_, i) => makeLong(i));
run('long', longs, 20_000, classify);
const end = process.memoryUsage();
console.log(`memory at end: RSS ${mb(end.rss)}, heap used ${mb(end.heapUsed)}`);
console.log('(single thread: Node runs classify() on one core; run on an idle machine for stable figures)');
