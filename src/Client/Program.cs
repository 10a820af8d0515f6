using RelevanceRelated.Client;

return CommandRunner.Run(ConsoleCommands.CreateRoot(), args);
