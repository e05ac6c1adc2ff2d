using Xinji.Policy.Cli;

return CliApplication.Run(args, CliContext.FromConsole());
