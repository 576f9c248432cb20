/** A parsed command line: positionals and `--name value` / `--name=value` options. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Record<string, string | true>;
}

/**
 * Parses `argv` against the known options (`true`: takes a value). Throws a message naming the
 * option for an unknown option or a missing value.
 */
export function parseArgs(argv: readonly string[], known: Record<string, boolean>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg == '-h') {
      options.help = true;
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    if (!(name in known)) throw new Error(`unknown option --${name}`);
    if (!known[name]) options[name] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) throw new Error(`--${name} needs a value`);
      options[name] = value;
    }
  }
  return { positionals, options };
}

/** A positive integer option, or a message naming it. */
export function positiveInt(value: string | true | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got "${String(value)}"`);
  return n;
}
