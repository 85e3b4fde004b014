import type { GlossaryTerm } from '../../../src/core/pack/types';

/** A glossary term for tests: forms as [en, zh-Hans, zh-Hant], plus optional fields. */
export function term(id: string, en: string, hans: string, hant: string, extra: Partial<GlossaryTerm> = {}): GlossaryTerm {
  return {
    id,
    forms: { en, 'zh-Hans': hans, 'zh-Hant': hant },
    definition: { en: `Definition of ${id}.`, 'zh-Hans': `${id} 的定义。`, 'zh-Hant': `${id} 的定義。` },
    category: 'test',
    ...extra,
  };
}
