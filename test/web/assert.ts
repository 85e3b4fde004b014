/**
 * The assertions the web suite needs, without Node's `assert` (the web worker extension host has no Node
 * built-ins). Each throws an Error whose message shows what was expected.
 */
function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new Error(message ?? `expected a truthy value, got ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) throw new Error(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function deepStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (show(actual) !== show(expected)) throw new Error(`${message ? message + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function match(actual: string, re: RegExp, message?: string): void {
  if (!re.test(actual)) throw new Error(`${message ? message + ': ' : ''}expected ${show(actual)} to match ${re}`);
}
