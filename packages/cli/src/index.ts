// tensile: the command line of Tensile, and its programmatic entry point.
export { main, COMMANDS, topLevelHelp } from './main.js';
export type { CliContext, CliIO, OutputStream } from './context.js';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, CliError, UsageError } from './errors.js';
export { parseCommandArgs, defineCommand } from './args.js';
export { formatHelp } from './help.js';
export type { CommandSpec, FlagSpec, FlagValues, ParsedArgs, PositionalSpec } from './args.js';
export type { Command } from './command.js';
export {
  AUGMENTATIONS,
  MODEL_KINDS,
  MONITORS,
  OPTIMIZERS,
  REGULARIZATIONS,
  SCHEDULES,
  buildMnistModel,
  buildOptimizer,
  describeModel,
  describeOptimization,
  learningRate,
  recipeDefaults,
} from './recipes/mnist.js';
export type {
  Augmentation,
  Monitor,
  MnistRecipe,
  ModelKind,
  OptimizerName,
  Regularization,
  ScheduleName,
} from './recipes/mnist.js';
export { renderReport } from './report/html.js';
export type { RunRecord, RunResults } from './run-record.js';
