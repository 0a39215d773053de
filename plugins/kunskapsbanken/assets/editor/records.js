// The editor's file format for records: what it reads is shown to the form in the editor's words,
// and what it writes is already in the house style of `python -m kunskapsbanken format`
// (plugins/kunskapsbanken/data/yamlwrite.py): the schema modeline first, keys in the
// schema's order, numbers as numbers, not_known where the editor wrote "okänt", long text folded
// near 100 columns, source references and short id lists on one line. A record saved unchanged is
// written byte for byte as it was read, and a changed one keeps every line the change does not
// touch: an unchanged value is copied from the text it was read from.

export const NOT_KNOWN = "not_known";
export const NOT_KNOWN_WORD = "okänt";
export const YES_WORD = "ja";
export const NO_WORD = "nej";
export const UNKNOWN_FLAG = "okant";
export const UNKNOWN_VALUE = "varde";
export const LIST_FIELD = "items";
const WIDTH = 100;
const NUMBER = /^-?\d+([.,]\d+)?$/;
const NEEDS_QUOTES = /^(\d[\d\-:.]*|true|false|yes|no|on|off|null|~|not_known_)$/i;
const ID = /^[a-z0-9-]+$/;

// -- the schema ---------------------------------------------------------------------------------

function branches(node) {
  return node && node.anyOf ? node.anyOf : [node || {}];
}
function accepts(node, type) {
  return branches(node).some((b) => b.type === type || (type === "number" && b.type === "integer"));
}
function acceptsFreeString(node) {
  return branches(node).some((b) => b.type === "string" && !b.format);
}
function allowsNotKnown(node) {
  return branches(node).some((b) => b.const === NOT_KNOWN);
}
function structured(node) {
  // "a list (or a group) or not_known": the form shows it as a checkbox and the value.
  if (!node || !node.anyOf || !allowsNotKnown(node)) return null;
  return node.anyOf.find((b) => b.type === "array" || b.type === "object") || null;
}
function objectBranch(node) {
  return branches(node).find((b) => b.type === "object" && b.properties) || null;
}
function arrayBranch(node) {
  return branches(node).find((b) => b.type === "array") || null;
}
function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// -- file data <-> form data ------------------------------------------------------------------

/** The file's data as the form shows it: not_known as "okänt", "list or not_known" as a group. */
export function toForm(value, node) {
  const inner = structured(node);
  if (inner) {
    const known = value !== NOT_KNOWN && value !== undefined && value !== null;
    return { [UNKNOWN_FLAG]: !known, [UNKNOWN_VALUE]: known ? toForm(value, inner) : undefined };
  }
  if (value === NOT_KNOWN && allowsNotKnown(node)) return NOT_KNOWN_WORD;
  // "yes, no or not known" is a choice of three words (editor/config.py).
  if (typeof value === "boolean" && allowsNotKnown(node)) return value ? YES_WORD : NO_WORD;
  if (Array.isArray(value)) {
    const items = (arrayBranch(node) || {}).items;
    return value.map((item) => toForm(item, items));
  }
  if (isPlainObject(value)) {
    const props = (objectBranch(node) || {}).properties || {};
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = toForm(item, props[key]);
    return out;
  }
  return value;
}

function isEmpty(value, wasRead, node) {
  // An empty list stays where the file had the key (it may say `figures: []`); anywhere else (a
  // new record, a new list item, a group the record did not have) it is only the form's default,
  // and an optional one is left out. So is an unticked checkbox there (the form's default false):
  // an optional plain yes-or-no is written only when it is true.
  if (value === undefined || value === null || value === "") return true;
  if (isPlainObject(value) && Object.keys(value).length === 0) return true;
  if (wasRead) return false;
  return (Array.isArray(value) && !value.length) || (value === false && (node || {}).type === "boolean");
}

function isBlank(value) {
  return value === undefined || value === null || value === "" ||
    (Array.isArray(value) && !value.length) || (isPlainObject(value) && !Object.keys(value).length);
}

/** The form's data as the file holds it: the reverse of toForm, with the schema's types, and the
 * optional fields the form left empty left out (as they were). ``read`` is the data the record
 * was read with at the same place (undefined in a new record, a new item or a new group): what
 * the form only defaulted there is not written. */
export function fromForm(value, node, read = undefined) {
  const inner = structured(node);
  if (inner && isPlainObject(value) && (UNKNOWN_FLAG in value || UNKNOWN_VALUE in value)) {
    if (value[UNKNOWN_FLAG]) return NOT_KNOWN;
    const known = fromForm(value[UNKNOWN_VALUE], inner, read === NOT_KNOWN ? undefined : read);
    // Neither "Okänt" ticked nor anything filled in: the question is unanswered (the checks ask
    // for one or the other), not an empty list, unless the file said so.
    if (isBlank(known) && !(read !== undefined && sameData(known, read))) return undefined;
    return known;
  }
  if (typeof value === "string") {
    const text = value;
    if (text.trim().toLowerCase() === NOT_KNOWN_WORD && allowsNotKnown(node)) return NOT_KNOWN;
    if (accepts(node, "boolean") && (text === YES_WORD || text === NO_WORD)) return text === YES_WORD;
    if (NUMBER.test(text.trim()) && accepts(node, "number") && !acceptsFreeString(node)) {
      return Number(text.trim().replace(",", "."));
    }
    return text;
  }
  if (typeof value === "number" && !accepts(node, "number") && accepts(node, "string")) {
    return String(value); // a year the form holds as a number, in a date field
  }
  if (Array.isArray(value)) {
    const items = (arrayBranch(node) || {}).items;
    return value.map((item, i) => fromForm(item, items, Array.isArray(read) ? read[i] : undefined));
  }
  if (isPlainObject(value) && !objectBranch(node)) return value; // free-form rows of a table: as they are
  if (isPlainObject(value)) {
    const obj = objectBranch(node) || {};
    const props = obj.properties || {};
    const required = new Set(obj.required || []);
    const before = isPlainObject(read) ? read : undefined;
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const wasRead = before !== undefined && key in before;
      const converted = fromForm(item, props[key], wasRead ? before[key] : undefined);
      if (isEmpty(converted, wasRead, props[key]) && !required.has(key)) continue; // left empty: absent
      if (converted === undefined) continue;
      out[key] = converted;
    }
    // A group the record did not have, holding only the form's empty lists (an untouched
    // "Arbetsgång"), was never filled in: empty, so that an optional one is left out.
    if (before === undefined && Object.values(out).every((v) => Array.isArray(v) && !v.length)) return {};
    return ordered(out, props);
  }
  return value;
}

/** ``value``'s keys in the schema's order, unknown keys after them. */
function ordered(value, props) {
  const out = {};
  for (const key of Object.keys(props)) if (key in value) out[key] = value[key];
  for (const key of Object.keys(value)) if (!(key in out)) out[key] = value[key];
  return out;
}

export function sameData(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameData(a[k], b[k]));
  }
  return a === b;
}

// -- the house style --------------------------------------------------------------------------
// `indent` below is yamlwrite.py's own count (a key of the top mapping is at 2, an item of a
// list at the list's + 4), which decides folding; `col` is the real column a line starts at.

function wrap(text, width) {
  // Python's textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)
  const words = text.split(/[ \t\n]+/).filter((w) => w.length);
  const lines = [];
  let line = "";
  for (const word of words) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += " " + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function plainAllowed(text, flow) {
  if (!text || text !== text.trim()) return false;
  if (/^[-?:,\[\]{}#&*!|>'"%@`]/.test(text) && !/^[-?:][^ \t]/.test(text)) return false;
  if (/^[?:]/.test(text) || /^- /.test(text) || text === "-") return false;
  if (/: |:$| #|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(text)) return false;
  if (flow && /[,\[\]{}]/.test(text)) return false;
  // What a YAML 1.2 reader would take for another type.
  if (/^(true|false|yes|no|on|off|y|n|null|~|[-+]?(\d[\d_]*|0x[0-9a-f_]+|0o[0-7_]+)|[-+]?(\d[\d_]*)?\.\d*([eE][-+]?\d+)?|[-+]?\.(inf|nan)|\d{4}-\d\d?-\d\d?([Tt ].*)?)$/i.test(text)) {
    return false;
  }
  if (/^[-+]?\d[\d_]*(\.\d*)?[eE][-+]?\d+$/.test(text) || /^[-+]?\d[\d_]*:[0-5]?\d(:[0-5]?\d)*(\.\d*)?$/.test(text)) return false;
  return true;
}

function doubleQuoted(text) {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
      out += code <= 0xff ? "\\x" + code.toString(16).padStart(2, "0").toUpperCase()
        : "\\u" + code.toString(16).padStart(4, "0").toUpperCase();
    } else out += ch;
  }
  return `"${out}"`;
}

function quotedScalar(text, flow) {
  if (plainAllowed(text, flow)) return text;
  if (/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(text) || text !== text.trim()) return doubleQuoted(text);
  return `'${text.replace(/'/g, "''")}'`;
}

/** One scalar: [text on the key's line, lines below it (block scalars)]. */
function scalar(value, { indent, key, col, flow }) {
  if (value === null || value === undefined) return ["null", []];
  if (typeof value === "boolean") return [value ? "true" : "false", []];
  if (typeof value === "number") return [String(value), []];
  const text = String(value);
  if (!flow && text.replace(/^\n+|\n+$/g, "").includes("\n")) {
    const body = text.endsWith("\n\n") ? text : text.replace(/\n+$/, "");
    const header = body.endsWith("\n\n") ? "|+" : body.endsWith("\n") ? "|" : "|-";
    const lines = body.replace(/\n$/, "").split("\n").map((l) => (l ? " ".repeat(col) + l : ""));
    return [header, lines];
  }
  if (!flow && indent + key.length + 2 + text.length > WIDTH && text.includes(" ")) {
    return [">-", wrap(text, WIDTH - indent - 2).map((l) => " ".repeat(col) + l)];
  }
  if (NEEDS_QUOTES.test(text) || text !== text.trim()) return [doubleQuoted(text), []];
  return [quotedScalar(text, flow), []];
}

function isSourceRef(value) {
  const keys = Object.keys(value);
  return keys.includes("document") && keys.includes("section") &&
    keys.every((k) => ["document", "section", "page"].includes(k));
}

function flowMap(value) {
  return "{" + Object.entries(value).map(([k, v]) => `${k}: ${scalar(v, { flow: true })[0]}`).join(", ") + "}";
}

function shortIdList(list, key, indent) {
  return list.length > 0 && list.every((v) => typeof v === "string" && ID.test(v)) &&
    indent + key.length + 2 + list.reduce((n, v) => n + v.length + 2, 0) <= WIDTH;
}

// Where the record was read from: an unchanged value is copied from its text, comments included
// (as formatting.py's merge keeps the base document's text wherever the data is unchanged).
function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}
function regionEnd(text, offset) {
  // The end of the line `offset` is on; a node whose range runs into the next line's
  // indentation ends where that line starts.
  const start = lineStart(text, offset);
  if (/^[ \t]*$/.test(text.slice(start, offset))) return start;
  const next = text.indexOf("\n", offset);
  return next < 0 ? text.length : next + 1;
}
function nodeEnd(node) {
  return node && node.range ? node.range[1] : null;
}
function pairEnd(pair) {
  return nodeEnd(pair.value) ?? pair.key.range[1];
}
function copyLines(text, start, end, out) {
  out.push(...text.slice(start, end).replace(/\n$/, "").split("\n"));
}
function sub(orig, node, data) {
  return orig && node ? { text: orig.text, node, data } : null;
}

function emitSeqItems(value, items, { indent, col }, out, orig) {
  const seq = orig && orig.node && orig.node.type === "SEQ" ? orig.node.items : [];
  value.forEach((item, j) => {
    const known = j < seq.length && seq[j] && seq[j].range && Array.isArray(orig.data);
    if (known && sameData(item, orig.data[j])) {
      const start = j === 0 ? lineStart(orig.text, seq[j].range[0]) : regionEnd(orig.text, nodeEnd(seq[j - 1]));
      copyLines(orig.text, start, regionEnd(orig.text, seq[j].range[1]), out);
    } else {
      emitItem(item, items, { indent, col }, out, known ? sub(orig, seq[j], orig.data[j]) : null);
    }
  });
}

function emitValue(value, node, { indent, key, col }, out, head, orig) {
  // `head` is the line so far ("key:" or "- "); the value goes after it or on lines below.
  const was = orig && orig.node ? orig.node.type : null;
  if (Array.isArray(value)) {
    const items = (arrayBranch(node) || {}).items || {};
    if (value.length === 0) return out.push(`${head} []`);
    const scalars = value.every((v) => v === null || typeof v !== "object");
    if ((was === "FLOW_SEQ" && scalars) || (!was && shortIdList(value, key, indent))) {
      return out.push(`${head} [${value.map((v) => scalar(v, { flow: true })[0]).join(", ")}]`);
    }
    out.push(head);
    emitSeqItems(value, items, { indent: indent + 4, col: col + 2 }, out, was === "SEQ" ? orig : null);
    return undefined;
  }
  if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) return out.push(`${head} {}`);
    if (was === "FLOW_MAP" || (!was && isSourceRef(value))) return out.push(`${head} ${flowMap(value)}`);
    out.push(head);
    emitMap(value, node, { indent, col: col + 2 }, out, null, was === "MAP" ? orig : null);
    return undefined;
  }
  const [first, below] = scalar(value, { indent, key, col: col + 2 });
  out.push(`${head} ${first}`);
  out.push(...below);
  return undefined;
}

function orderedLike(value, props, before) {
  // The keys the text had keep its order; a new key goes where the schema puts it.
  const order = Object.keys(props);
  const keys = before.filter((k) => k !== null && k in value);
  for (const key of Object.keys(ordered(value, props))) {
    if (keys.includes(key)) continue;
    const rank = order.includes(key) ? order.indexOf(key) : order.length;
    let at = keys.length;
    for (let i = 0; i < keys.length; i++) {
      if (order.includes(keys[i]) && order.indexOf(keys[i]) > rank) { at = i; break; }
    }
    keys.splice(at, 0, key);
  }
  const out = {};
  for (const key of keys) out[key] = value[key];
  return out;
}

function emitMap(value, node, { indent, col }, out, firstPrefix = null, orig = null) {
  const props = (objectBranch(node) || {}).properties || {};
  const pairs = orig && orig.node && orig.node.items ? orig.node.items : [];
  const known = pairs.map((p) => (p.key && p.key.value !== undefined ? String(p.key.value) : null));
  let first = true;
  for (const [key, item] of Object.entries(orderedLike(value, props, known))) {
    const at = known.indexOf(key);
    const pair = at >= 0 ? pairs[at] : null;
    const isFirst = first;
    first = false;
    // The first key of a list item shares its line with the dash: copied only where it was first.
    if (pair && isPlainObject(orig.data) && sameData(item, orig.data[key]) &&
        (firstPrefix === null || (at === 0) === isFirst)) {
      const start = at === 0 ? lineStart(orig.text, pair.key.range[0]) : regionEnd(orig.text, pairEnd(pairs[at - 1]));
      copyLines(orig.text, start, regionEnd(orig.text, pairEnd(pair)), out);
      continue;
    }
    const start = isFirst && firstPrefix !== null ? firstPrefix : " ".repeat(col);
    const inner = pair && pair.value && isPlainObject(orig.data) ? sub(orig, pair.value, orig.data[key]) : null;
    emitValue(item, props[key], { indent: indent + 2, key, col }, out, `${start}${key}:`, inner);
  }
}

function emitItem(item, node, { indent, col }, out, orig = null) {
  // A list item: "- " at `col`, its content two columns further.
  const dash = " ".repeat(col) + "-";
  if (isPlainObject(item) && Object.keys(item).length && !isSourceRef(item)) {
    emitMap(item, node, { indent, col: col + 2 }, out, dash + " ",
      orig && orig.node.type === "MAP" ? orig : null);
    return;
  }
  if (isPlainObject(item) || Array.isArray(item)) {
    emitValue(item, node, { indent, key: "", col }, out, dash, orig);
    return;
  }
  const [first, below] = scalar(item, { indent, key: "", col: col + 2 });
  out.push(`${dash} ${first}`);
  out.push(...below);
}

/** A whole file in the house style; with ``orig`` (the text it was read from, parsed), every
 * unchanged value keeps its text. */
export function emitFile(data, schema, modeline, isList, orig = null) {
  let out = [`# ${modeline}`];
  const root = orig && orig.node;
  const firstNode = root && root.items && root.items.length ? (isList ? root.items[0] : root.items[0].key) : null;
  if (firstNode && firstNode.range) {
    const header = orig.text.slice(0, lineStart(orig.text, firstNode.range[0]));
    out = header ? header.replace(/\n$/, "").split("\n") : [];
    if (!header.includes("yaml-language-server:")) out.unshift(`# ${modeline}`);
  }
  if (isList) {
    emitSeqItems(data, schema.items || {}, { indent: 4, col: 0 }, out, root && root.type === "SEQ" ? orig : null);
  } else {
    emitMap(data, schema, { indent: 0, col: 0 }, out, null, root && root.type === "MAP" ? orig : null);
  }
  return out.join("\n") + "\n";
}

// -- the format Decap calls -------------------------------------------------------------------

/** The Decap file format for one kind of record (`info` from admin/kunskapsbanken.json);
 * ``parseDocument`` is the YAML library's (yaml 1.x, the one Decap itself uses). */
export function recordFormat(info, parseDocument) {
  const originals = new Map();
  const keyOf = (data) => (info.list ? LIST_FIELD : data && data.id);
  const formSchema = info.list ? { type: "object", properties: { [LIST_FIELD]: info.schema } } : info.schema;
  const toData = (form) => {
    const original = originals.get(info.list ? LIST_FIELD : form && form.id);
    const read = original ? (info.list ? { [LIST_FIELD]: original.data } : original.data) : undefined;
    const data = fromForm(form, formSchema, read);
    return info.list ? data[LIST_FIELD] || [] : data;
  };
  return {
    fromFile(text) {
      const doc = parseDocument(text);
      const raw = doc.toJSON();
      const data = info.list ? { [LIST_FIELD]: raw || [] } : raw || {};
      const key = keyOf(info.list ? data : raw);
      if (key !== undefined && key !== null) originals.set(key, { text, node: doc.contents, data: raw });
      return toForm(data, formSchema);
    },
    /** What toFile writes, as data (the checks before saving look at this). */
    toData,
    toFile(form) {
      const original = originals.get(info.list ? LIST_FIELD : form && form.id);
      const data = toData(form);
      if (original && sameData(data, original.data)) return original.text;
      return emitFile(data, info.schema, info.modeline, info.list, original || null);
    },
  };
}
