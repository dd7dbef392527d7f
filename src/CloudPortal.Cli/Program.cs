using CloudPortal.Cli;

return CommandLine.Run(args);
