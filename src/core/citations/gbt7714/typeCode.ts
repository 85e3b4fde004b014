/** 文献类型标识 (document type codes) and the `/OL` carrier mark. */
import type { CslItem } from '../../pack/types';
import { asText } from '../csl';

/** GB/T 7714 document type codes (文献类型标识). */
export type GbtTypeCode = 'M' | 'C' | 'G' | 'N' | 'J' | 'D' | 'R' | 'S' | 'P' | 'DB' | 'CP' | 'EB' | 'A' | 'CM' | 'DS' | 'PP' | 'Z';

const CODES = new Set<string>(['M', 'C', 'G', 'N', 'J', 'D', 'R', 'S', 'P', 'DB', 'CP', 'EB', 'A', 'CM', 'DS', 'PP', 'Z']);

/** A code given by the record itself: a BibTeX `mark` field (`custom.mark`), or a CSL `genre` that is a code. */
function explicitCode(item: CslItem): GbtTypeCode | undefined {
  const custom = item.custom as { mark?: string } | undefined;
  const mark = asText(custom?.mark)?.toUpperCase();
  return mark && CODES.has(mark) ? (mark as GbtTypeCode) : undefined;
}

/** The document type code GB/T 7714 uses for a CSL item. */
export function gbtTypeCode(item: CslItem): GbtTypeCode {
  const explicit = explicitCode(item);
  if (explicit) return explicit;
  switch (item.type) {
    case 'book':
    case 'chapter':
    case 'classic':
    case 'entry':
    case 'entry-dictionary':
    case 'entry-encyclopedia':
      return 'M';
    case 'paper-conference':
    case 'event':
      return 'C';
    case 'collection':
      return 'G';
    case 'article-newspaper':
      return 'N';
    case 'article-journal':
    case 'article-magazine':
    case 'periodical':
    case 'review':
    case 'review-book':
      return 'J';
    case 'thesis':
      return 'D';
    case 'report':
      return 'R';
    case 'standard':
      return 'S';
    case 'patent':
      return 'P';
    case 'software':
      return 'CP';
    case 'webpage':
    case 'post':
    case 'post-weblog':
      return 'EB';
    case 'map':
      return 'CM';
    case 'dataset':
      return 'DS';
    case 'article':
      return 'PP';
    case 'manuscript':
    case 'personal_communication':
    case 'legislation':
    case 'regulation':
      return 'A';
    case 'graphic':
    case 'motion_picture':
    case 'song':
    case 'broadcast':
      // Images and recordings online are electronic resources; otherwise of no listed type.
      return asText(item.URL) ? 'EB' : 'Z';
    default:
      return 'Z';
  }
}

/** Whether the record is read online (`/OL`): it has a URL or a DOI, or an online `medium`. */
export function isOnline(item: CslItem): boolean {
  return !!asText(item.URL) || !!asText(item.DOI) || /online|internet|web|网络|網絡|联机|聯機|在线|在線/i.test(asText(item.medium) ?? '');
}
