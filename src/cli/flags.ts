import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags; an unknown flag or a missing value is a one-line error. */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }
}
