using RelevanceRelated.Hosting.Persistence;
using System.CommandLine;

namespace RelevanceRelated.Client.Commands;

/// <summary><c>db init --connection CONN</c>: create or refresh the PostgreSQL schema of a cluster.</summary>
public static class DbCommand
{
    public static Command Create()
    {
        var connection = new Option<string>("--connection")
        {
            Description = "Npgsql connection string of the cluster database, e.g. \"Host=db;Database=relevancerelated;Username=orleans;Password=...\"",
            Required = true,
        };
        var init = new Command("init", "Create the tables and stored queries Orleans needs (membership, grain state, reminders); safe to run again.");
        init.Options.Add(connection);
        init.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var initializer = new DatabaseInitializer(parseResult.GetValue(connection)!);
            var results = initializer.ApplyAsync().GetAwaiter().GetResult();
            foreach (var r in results)
            {
                var change = r.PreviousVersion is null ? "created" : r.PreviousVersion == r.Version ? "up to date" : $"upgraded from {r.PreviousVersion}";
                output.WriteLine($"{r.Component,-12} version {r.Version} ({change})");
            }
            return ExitCodes.Success;
        });

        var db = new Command("db", "Manage the cluster's PostgreSQL database.");
        db.Subcommands.Add(init);
        return db;
    }
}
