using RelevanceRelated.Client;

return await CommandRunner.RunAsync(ConsoleCommands.CreateRoot(), args);
