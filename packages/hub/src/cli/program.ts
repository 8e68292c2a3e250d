/**
 * @module The `switchyard` command tree. Commands are thin: parse flags, call the library, format output.
 */
import { Command } from 'commander';
import { analyzeCommand } from './commands/analyze.js';
import { askCommand } from './commands/ask.js';
import { configCommand } from './commands/config.js';
import { doctorCommand } from './commands/doctor.js';
import { eventCommand } from './commands/event.js';
import { mcpCommand } from './commands/mcp.js';
import { queryCommand } from './commands/query.js';
import { replayCommand } from './commands/replay.js';
import { upCommand } from './commands/up.js';

export function buildProgram(): Command {
  const program = new Command('switchyard')
    .description('Switchyard: vendor-agnostic observability hub, query and analysis')
    .version('0.1.0')
    .showHelpAfterError();
  program.addCommand(upCommand());
  program.addCommand(queryCommand());
  program.addCommand(askCommand());
  program.addCommand(analyzeCommand());
  program.addCommand(eventCommand());
  program.addCommand(configCommand());
  program.addCommand(doctorCommand());
  program.addCommand(mcpCommand());
  program.addCommand(replayCommand());
  return program;
}
