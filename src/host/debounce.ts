/** Debouncing for the host's watchers and features: run once, a while after the last call. */
export interface Debounced {
  (): void;
  cancel(): void;
}

export function debounce(fn: () => void, ms: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const d = (() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  }) as Debounced;
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return d;
}
