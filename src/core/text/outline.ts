/**
 * The one outline walker: any tree of sections with optional `children` (a pack's outline,
 * a parsed report's sections), visited depth-first in document order without recursion, so a
 * deeply nested (hostile) outline cannot overflow the stack.
 */

export interface OutlineNode<T> {
  children?: readonly T[] | null;
}

/** Visits every section depth-first, parents before children; `visit` returning false skips a section's children. */
export function walkOutline<T extends OutlineNode<T>>(
  roots: readonly T[] | null | undefined,
  visit: (section: T, depth: number, parent: T | undefined) => boolean | void,
): void {
  const stack: Array<{ list: readonly T[]; at: number; depth: number; parent: T | undefined }> = [];
  if (Array.isArray(roots)) stack.push({ list: roots, at: 0, depth: 0, parent: undefined });
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.at >= top.list.length) { stack.pop(); continue; }
    const s = top.list[top.at++];
    if (!s || typeof s !== 'object') continue;
    const descend = visit(s, top.depth, top.parent);
    if (descend !== false && Array.isArray(s.children) && s.children.length > 0) stack.push({
      list: s.children,
      at: 0,
      depth: top.depth + 1,
      parent: s,
    });
  }
}

/** Every section, depth-first in document order. */
export function flattenOutline<T extends OutlineNode<T>>(roots: readonly T[] | null | undefined): T[] {
  const out: T[] = [];
  walkOutline(roots, (s) => void out.push(s));
  return out;
}

/** The first section (depth-first) with the given id. */
export function findInOutline<T extends OutlineNode<T> & { id?: unknown }>(
  roots: readonly T[] | null | undefined,
  id: string,
): T | undefined {
  let found: T | undefined;
  walkOutline(roots, (s) => {
    if (found) return false;
    if (s.id === id) found = s;
    return !found;
  });
  return found;
}
