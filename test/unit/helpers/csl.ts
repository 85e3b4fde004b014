import type { CslItem } from '../../../src/core/pack/types';

/** The fintech report's bibliographic record, as the tests cite it. */
export const REPORT_ITEM: CslItem = {
  id: 'zhongyan2026jinrong',
  type: 'report',
  author: [{ literal: '中研產業研究院' }],
  title: '2026-2030年金融科技產業現狀及未來發展趨勢分析報告',
  publisher: '中研普華',
  issued: { 'date-parts': [[2026]] },
};

/** The same record as an online report written in Traditional Chinese. */
export const ONLINE_REPORT_ITEM: CslItem = { ...REPORT_ITEM, URL: 'https://www.chinairn.com/', language: 'zh-Hant' };

/** The book behind GB/T 7714's first example (陈登原《国史旧闻》第 1 卷). */
export const CHEN_ITEM: CslItem = {
  id: 'chen2000guoshi',
  type: 'book',
  author: [{ family: '陈', given: '登原' }],
  title: '国史旧闻',
  volume: 1,
  'publisher-place': '北京',
  publisher: '中华书局',
  issued: { 'date-parts': [[2000]] },
};
