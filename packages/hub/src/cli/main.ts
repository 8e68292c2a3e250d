#!/usr/bin/env node
import { SwitchyardError } from '@switchyard/core';
import { type Command, CommanderError } from 'commander';
import { buildProgram } from './program.js';

/** Commander's exitOverride is per command; apply it to the whole tree so usage errors exit with 2. */
function overrideExits(cmd: Command): Command {
  cmd.exitOverride();
  for (const sub of cmd.commands) overrideExits(sub);
  return cmd;
}

try {
  await overrideExits(buildProgram()).parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else if (err instanceof SwitchyardError) {
    process.stderr.write(`error: ${err.describe()}\n`);
    process.exitCode = err.code === 'BAD_PARAMETER' || err.code === 'CONFIG_INVALID' ? 2 : 1;
  } else {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
