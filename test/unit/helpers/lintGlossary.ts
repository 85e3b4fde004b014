import type { GlossaryTerm } from '../../../src/core/pack/types';
import { term } from './glossary';

/** The glossary of the lint tests (inline cases in lint.test.ts and the fixture cases in test/fixtures/lint/). */
export const LINT_GLOSSARY: GlossaryTerm[] = [
  term('artificial-intelligence', 'artificial intelligence', '人工智能', '人工智能', {
    aliases: ['人工智慧'],
    abbreviations: ['AI'],
    preferred: { 'zh-Hans': '人工智能', 'zh-Hant': '人工智慧' },
    discouraged: { 'zh-Hans': ['人工智慧'] },
    mixing: 'allowed',
  }),
  term('regtech', 'regulatory technology', '监管科技', '監管科技', {
    aliases: ['監理科技'],
    abbreviations: ['RegTech'],
    preferred: { en: 'RegTech' },
    discouraged: { en: ['Regtech'] },
    mixing: 'allowed',
  }),
  term('blockchain', 'blockchain', '区块链', '區塊鏈', { aliases: ['區塊鍊', 'block chain'], mixing: 'discouraged' }),
  term('cloud-computing', 'cloud computing', '云计算', '雲計算', { aliases: ['云計算', '雲端運算'], mixing: 'discouraged' }),
  term('supply-chain-finance', 'supply-chain finance', '供应链金融', '供應鏈金融', { aliases: ['supply chain finance'], abbreviations: ['SCF'], mixing: 'discouraged' }),
  term('iot', 'Internet of Things', '物联网', '物聯網', { abbreviations: ['IoT'], mixing: 'allowed' }),
  term('big-data', 'big data', '大数据', '大數據', { aliases: ['巨量資料', '大資料'], mixing: 'discouraged' }),
  term('inclusive-finance', 'inclusive finance', '普惠金融', '普惠金融'),
];
