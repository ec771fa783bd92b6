/**
 * The CLI verbs. Each module exports one `register` function; add yours to this list.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { registerStatus } from './status.ts';

export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const commands: RegisterCommand[] = [registerStatus];
