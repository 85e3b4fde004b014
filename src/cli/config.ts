/**
 * The command line's configuration: the same `fintechLens.*` settings the extension reads, from
 * the workspace's `.vscode/settings.json` and from `.fintech-lens.json` / `.fintech-lens.jsonc`
 * at its root (the latter wins), or from the file `--config` names. Every value is checked against
 * the setting's declaration in the extension's manifest, so both read exactly the same settings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../core/text/lines';
import manifest from '../../package.json';

const PREFIX = 'fintechLens.';

interface SettingSchema {
  type?: string;
  enum?: string[];
  items?: { type?: string };
  default?: unknown;
}

/** Every setting the extension contributes, by key without the prefix. */
export const SETTINGS: ReadonlyMap<string, SettingSchema> = new Map(
  Object.entries(manifest.contributes.configuration.properties as Record<string, SettingSchema>)
    .filter(([k]) => k.startsWith(PREFIX))
    .map(([k, v]) => [k.slice(PREFIX.length), v]),
);

/** A configuration file that cannot be used; the message names the file and the place. */
export class ConfigError extends Error {}

export interface Config {
  /** The workspace root: relative paths in settings start here. */
  root: string;
  /** The files the settings were read from, in the order they apply. */
  sources: string[];
  /** A setting's value: the configured one, else the manifest's default. */
  get(key: string): unknown;
  /** Keys that were set but are not settings of the extension (reported as warnings). */
  unknown: string[];
}

export const CONFIG_FILES = ['.fintech-lens.json', '.fintech-lens.jsonc'];

function where(file: string, text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `${file}:${p.line + 1}:${p.character + 1}`;
}

function typeOk(schema: SettingSchema, value: unknown): boolean {
  switch (schema.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string' && (!schema.enum || schema.enum.includes(value));
    case 'array':
      return Array.isArray(value) && (schema.items?.type !== 'string' || value.every((v) => typeof v === 'string'));
    default:
      return true;
  }
}

function expected(schema: SettingSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  if (schema.type === 'array') return `a list of ${schema.items?.type ?? 'value'}s`;
  return `a ${schema.type}`;
}

/** Reads one settings file into `into`; `flat` files may also leave out the `fintechLens.` prefix. */
function readFile(file: string, display: string, into: Map<string, unknown>, unknown: string[], allowBare: boolean): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${display}: cannot read the configuration: ${(e as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    throw new ConfigError(`${where(display, text, e.offset)}: the configuration is not valid JSON (${printParseErrorCode(e.error)})`);
  }
  if (!root) return;
  if (root.type !== 'object') throw new ConfigError(`${where(display, text, root.offset)}: the configuration must be a JSON object`);
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children as [Node, Node | undefined];
    const raw = String(keyNode.value);
    const key = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : allowBare ? raw : undefined;
    if (key === undefined) continue; // another extension's setting
    const schema = SETTINGS.get(key);
    if (!schema) {
      const at = where(display, text, keyNode.offset);
      if (raw.startsWith(PREFIX) || allowBare) unknown.push(`${at}: "${raw}" is not a Fintech Lens setting; it is ignored`);
      continue;
    }
    const value = valueNode ? jsonValue(valueNode) : undefined;
    if (!typeOk(schema, value)) {
      throw new ConfigError(`${where(display, text, (valueNode ?? keyNode).offset)}: "${PREFIX}${key}" must be ${expected(schema)}`);
    }
    into.set(key, value);
  }
}

function jsonValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries((node.children ?? []).map((p) => {
        const [k, v] = p.children as [Node, Node | undefined];
        return [String(k.value), v ? jsonValue(v) : undefined];
      }));
    case 'array':
      return (node.children ?? []).map(jsonValue);
    default:
      return node.value;
  }
}

/** The configuration of the workspace at `root`, or of the file `explicit` names. */
export function loadConfig(root: string, explicit?: string): Config {
  const values = new Map<string, unknown>();
  const unknown: string[] = [];
  const sources: string[] = [];
  const rel = (f: string): string => path.relative(process.cwd(), f).split(path.sep).join('/') || f;
  if (explicit) {
    const file = path.resolve(explicit);
    if (!fs.existsSync(file)) throw new ConfigError(`${explicit}: the configuration file does not exist`);
    readFile(file, rel(file), values, unknown, true);
    sources.push(file);
  } else {
    const vscodeSettings = path.join(root, '.vscode', 'settings.json');
    if (fs.existsSync(vscodeSettings)) {
      readFile(vscodeSettings, rel(vscodeSettings), values, unknown, false);
      sources.push(vscodeSettings);
    }
    const own = CONFIG_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
    if (own.length > 1) throw new ConfigError(`${rel(own[0])} and ${rel(own[1])}: keep only one configuration file`);
    for (const f of own) {
      readFile(f, rel(f), values, unknown, true);
      sources.push(f);
    }
  }
  return {
    root,
    sources,
    unknown,
    get: (key) => (values.has(key) ? values.get(key) : SETTINGS.get(key)?.default),
  };
}
