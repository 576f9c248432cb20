#!/usr/bin/env node
// crumbs-consent: command-line tools for Crumbs. Node built-ins only.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const USAGE = `Usage: crumbs-consent validate <file.json> [--strict] [--stamp] [--inline [--out <file>]]
       crumbs-consent notice <file.json> [--lang <code>] [--layer <layer>] [--out <file>] [--all] [--upload <url>]
       crumbs-consent log-server [options]     (--help for its options)
       crumbs-consent audit <url> [options]    (--help for its options)
       crumbs-consent scan <url> [options]     (--help for its options)

validate checks a Crumbs cookie inventory (cookies.json) and prints every error and
warning with its JSON path. notice prints the hash of the notice a visitor is shown
(sha256:..., as consent records carry it), computed as the browser does.

validate options:
  --strict      fail on warnings too
  --stamp       when valid, write a "stamp" into the file: browsers then trust this
                exact inventory without downloading the validator (re-run after
                every edit and every Crumbs upgrade; a stale stamp is only ignored)
  --inline      when valid, print the inventory as a ready-to-paste
                <script type="application/json" id="crumbs-inventory"> block (on
                one line, every < > & escaped as \\u003c \\u003e \\u0026, so that
                no text in it can end the script tag); the summary goes to stderr
  --out <file>  with --inline: write the block to <file> instead

notice options:
  --lang <code> the visitor's language (default en)
  --layer <l>   banner (default), dialog, placeholder or api
  --out <file>  write the canonical snapshot itself, byte for byte, to <file>
  --all         every bundled and inventory language, every layer
  --upload <url> store the snapshots in a consent-log service (POST <url>/notices,
                bearer token from the CRUMBS_LOG_TOKEN environment variable)

  -h, --help    show this help

Exit status: 0 valid, 1 invalid (errors, or warnings with --strict),
2 usage error, unreadable file or invalid JSON.`;

const plural = (n, one, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** Prints a usage error and returns exit status 2. */
function usageError(message) {
  process.stderr.write(`crumbs-consent: ${message}\n\n${USAGE}\n`);
  return 2;
}

/**
 * Offset of the first JSON syntax error in `text`. Node 20's JSON.parse messages do not always
 * carry a position ("Unexpected token ',', ... is not valid JSON"), so the CLI finds it itself.
 */
function syntaxErrorOffset(text) {
  let i = 0;
  const fail = () => {
    throw i;
  };
  const ws = () => {
    while (' \t\n\r'.includes(text[i]) && i < text.length) i++;
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') return void i++;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    literal.lastIndex = i;
    if (!literal.test(text)) fail();
    i = literal.lastIndex;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (offset) {
    return typeof offset === 'number' ? offset : undefined;
  }
}

/** `line L, column C` of an offset (both 1-based). */
function lineColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * The file's text with its stamp set, changing nothing else (its layout, line endings and BOM stay
 * the site owner's): the root stamp's value replaced, or a `"stamp"` line inserted first in the root
 * object. Each candidate edit is checked by parsing it; when none gives exactly that, the file is
 * written anew.
 */
function withStamp(text, json, stamp, stampOf) {
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)"/.exec(body)?.[1] ?? '  ';
  const candidates = [];
  if ('stamp' in json) {
    // A "stamp" key may also appear deeper (texts, an unknown key); the root one is the edit that checks out.
    for (const match of body.matchAll(/("stamp"\s*:\s*)"[^"\\]*"/g)) {
      const at = match.index + match[1].length;
      candidates.push(body.slice(0, at) + `"${stamp}"` + body.slice(at + match[0].length - match[1].length));
    }
  } else {
    candidates.push(body.replace(/^(\s*\{)/, `$1${eol}${indent}"stamp": "${stamp}",`));
  }
  for (const edited of candidates) {
    try {
      const parsed = JSON.parse(edited);
      if (parsed.stamp === stamp && stampOf(parsed) === stamp) return bom + edited;
    } catch {
      // the next candidate, or written anew below
    }
  }
  return bom + JSON.stringify({ ...json, stamp }, null, indent).replaceAll('\n', eol) + eol;
}

/**
 * The inventory as a `<script type="application/json" id="crumbs-inventory">` block, safe to paste
 * into any HTML page. The HTML parser ends a script at the first `</script` and, after `<!--` and
 * `<script`, at none: written as is, a text such as `</script><img src=x onerror=...>` would run as
 * markup. Here every `<`, `>` and `&` (and U+2028, U+2029) is a JSON `\u` escape, which can only
 * stand inside a JSON string, so the block holds no markup at all and parses back to the same value
 * (and so keeps its stamp, which is computed over the parsed value).
 */
function inlineBlock(json) {
  const text = JSON.stringify(json).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  return `<script type="application/json" id="crumbs-inventory">${text}</script>\n`;
}

/** Writes beside `file`, then renames over it: an interrupted write never leaves half a file. */
async function writeAtomically(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * Reads and parses an inventory file and loads the built core. Says what is wrong on stderr and
 * returns the exit status 2 instead when it cannot.
 */
async function readInventory(file) {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a directory' : error.message;
    process.stderr.write(`crumbs-consent: cannot read ${file}: ${reason}\n`);
    return 2;
  }
  const original = text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const offset = syntaxErrorOffset(text);
    const where = offset === undefined ? '' : ` at ${lineColumn(text, offset)}`;
    // V8 appends a multi-line excerpt or its own offset; the line and column above say it better.
    const reason = error.message.replace(/,\s*(\.\.\.)?".*" is not valid JSON$/s, '').replace(/ at position \d+.*$/s, '');
    process.stderr.write(`crumbs-consent: ${file} is not valid JSON${where}: ${reason}\n`);
    return 2;
  }
  let core;
  try {
    core = await import(new URL('../dist/esm/core/index.js', import.meta.url).href);
  } catch (error) {
    process.stderr.write(`crumbs-consent: cannot load dist/esm/core/index.js (run \`node build.mjs\` first): ${error.message}\n`);
    return 2;
  }
  return { original, json, core };
}

const LAYERS = ['banner', 'dialog', 'placeholder', 'api'];

/**
 * `notice`: the notice snapshot and hash a visitor gets for this inventory, byte for byte as the
 * browser computes them, for one language and layer, or for all of them (`--all`). `--upload`
 * stores them in a consent-log service (`POST /notices`, bearer token from CRUMBS_LOG_TOKEN).
 */
async function notice(file, { lang, layer, all, out, upload }) {
  const read = await readInventory(file);
  if (typeof read === 'number') return read;
  const { json, core } = read;
  const { errors, inventory } = core.validateInventory(json);
  if (errors.length) {
    for (const p of errors) process.stderr.write(`error  ${core.formatProblem(p)}\n`);
    process.stderr.write(`${file}: invalid, no notice to compute (see \`crumbs-consent validate\`)\n`);
    return 1;
  }
  const languages = all ? [...new Set([...core.BUNDLED_LANGUAGES, ...Object.keys(inventory.texts).map((l) => l.split('-')[0])])] : [lang];
  const notices = languages.flatMap((l) => (all ? LAYERS : [layer]).map((y) => ({ lang: l, layer: y, ...core.snapshotNotice(inventory, l, y) })));
  if (out) {
    try {
      await writeAtomically(out, notices[0].snapshot);
    } catch (error) {
      process.stderr.write(`crumbs-consent: cannot write ${out}: ${error.message}\n`);
      return 2;
    }
  }
  for (const n of notices) process.stdout.write(`${n.noticeHash}  lang=${n.lang} layer=${n.layer}\n`);
  if (!upload) return 0;
  const token = process.env.CRUMBS_LOG_TOKEN;
  if (!token) return usageError('--upload needs the read token of the log service in CRUMBS_LOG_TOKEN');
  let stored = 0;
  for (const n of notices) {
    let response;
    try {
      response = await fetch(new URL('notices', upload.endsWith('/') ? upload : upload + '/'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ noticeHash: n.noticeHash, snapshot: n.snapshot }),
      });
    } catch (error) {
      process.stderr.write(`crumbs-consent: cannot reach ${upload}: ${error.cause?.message ?? error.message}\n`);
      return 2;
    }
    if (!response.ok) {
      process.stderr.write(`crumbs-consent: ${upload} refused the notice ${n.noticeHash} (${response.status}): ${await response.text()}\n`);
      return 1;
    }
    stored++;
  }
  process.stderr.write(`${stored} notice snapshot${stored === 1 ? '' : 's'} stored at ${upload}\n`);
  return 0;
}

async function validate(file, { strict, stamp, inline, out }) {
  const read = await readInventory(file);
  if (typeof read === 'number') return read;
  const { original, core } = read;
  let { json } = read;
  // validateAndLint adds did-you-mean hints and tracker-cookie advice; fall back to the core check.
  const check = core.validateAndLint ?? core.validateInventory;
  const { errors, warnings, inventory } = check(json);
  for (const p of errors) process.stderr.write(`error  ${core.formatProblem(p)}\n`);
  for (const p of warnings) process.stderr.write(`warning  ${core.formatProblem(p)}\n`);

  if (errors.length || (strict && warnings.length)) {
    const why = errors.length ? '' : ' (--strict)';
    process.stderr.write(`${file}: invalid — ${plural(errors.length, 'error')}, ${plural(warnings.length, 'warning')}${why}\n`);
    return 1;
  }
  const cookies = inventory.services.reduce((n, s) => n + s.cookies.length, 0);
  let extra = warnings.length ? ` (${plural(warnings.length, 'warning')})` : '';
  const current = core.stampInventory(json);
  if (stamp && json.stamp !== current) {
    const stamped = withStamp(original, json, current, core.stampInventory);
    try {
      await writeAtomically(file, stamped);
    } catch (error) {
      process.stderr.write(`crumbs-consent: cannot write ${file}: ${error.message}\n`);
      return 2;
    }
    json = JSON.parse(stamped.replace(/^\ufeff/, ''));
    extra += `, stamped ${current}`;
  } else if (json.stamp === current) {
    extra += ', stamp current';
  } else if (json.stamp !== undefined) {
    process.stderr.write(
      'note  stamp: out of date (the inventory or the Crumbs version changed since), so browsers validate ' +
        'this inventory themselves; run `crumbs-consent validate --stamp` to renew it\n',
    );
  }
  if (inline && out) {
    try {
      await writeAtomically(out, inlineBlock(json));
    } catch (error) {
      process.stderr.write(`crumbs-consent: cannot write ${out}: ${error.message}\n`);
      return 2;
    }
    extra += `, inline block written to ${out}`;
  }
  const summary = `${file}: valid — ${plural(inventory.categories.length, 'category', 'categories')}, ${plural(inventory.services.length, 'service')}, ${plural(cookies, 'cookie')}${extra}\n`;
  // With --inline and no --out, stdout is the block alone, ready for `> head.html` or a pipe.
  if (inline && !out) {
    process.stderr.write(summary);
    process.stdout.write(inlineBlock(json));
  } else process.stdout.write(summary);
  return 0;
}

/**
 * Commands that live in their own module (built into dist/ by build.mjs), each exporting
 * `main(argv): Promise<number>` that returns the exit status. They parse their own options.
 */
const MODULE_COMMANDS = {
  'log-server': '../dist/log-server/cli.js',
  audit: '../dist/audit/cli.js',
  scan: '../dist/audit/scan-cli.js',
};

async function runModuleCommand(name, argv) {
  let module;
  try {
    module = await import(new URL(MODULE_COMMANDS[name], import.meta.url).href);
  } catch (error) {
    process.stderr.write(`crumbs-consent: cannot load the ${name} command (run \`node build.mjs\` first): ${error.message}\n`);
    return 2;
  }
  return module.main(argv);
}

async function main(argv) {
  if (argv[0] && Object.hasOwn(MODULE_COMMANDS, argv[0])) return runModuleCommand(argv[0], argv.slice(1));
  const options = { strict: false, stamp: false, inline: false, out: undefined, lang: 'en', layer: 'banner', all: false, upload: undefined };
  const args = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h' || (!args.length && a === 'help')) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (a === '--strict' || a === '--stamp' || a === '--inline' || a === '--all') options[a.slice(2)] = true;
    else if (['--lang', '--layer', '--upload'].some((o) => a === o || a.startsWith(o + '='))) {
      const [name, inline] = a.slice(2).split(/=(.*)/s);
      options[name] = inline ?? argv[++i];
      if (!options[name]) return usageError(`--${name} needs a value`);
    }
    else if (a === '--out' || a.startsWith('--out=')) {
      options.out = a === '--out' ? argv[++i] : a.slice(6);
      if (!options.out) return usageError('--out needs a file name');
    } else if (a.startsWith('-')) return usageError(`unknown option ${a}`);
    else args.push(a);
  }
  if (!args.length) return usageError('missing command');
  if (args[0] !== 'validate' && args[0] !== 'notice') return usageError(`unknown command "${args[0]}"`);
  if (args.length !== 2) return usageError(args.length < 2 ? 'missing <file.json>' : `${args[0]} takes one file`);
  if (args[0] === 'notice') {
    if (!/^[a-z]{2,3}$/.test(options.lang)) return usageError(`--lang takes a primary language subtag (de, fr, ...), got "${options.lang}"`);
    if (!LAYERS.includes(options.layer)) return usageError(`--layer is one of ${LAYERS.join(', ')}, got "${options.layer}"`);
    if (options.out && options.all) return usageError('--out writes one snapshot: leave out --all');
    return notice(args[1], options);
  }
  if (options.all || options.upload || options.lang !== 'en' || options.layer !== 'banner') return usageError('--lang, --layer, --all and --upload go with notice');
  if (options.out && !options.inline) return usageError('--out goes with --inline');
  if (options.out && resolve(options.out) === resolve(args[1])) return usageError('--out must not be the inventory itself');
  return validate(args[1], options);
}

process.exitCode = await main(process.argv.slice(2));
