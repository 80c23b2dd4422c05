using Gilgamesh.App.Cli;

return await CommandLine.RunAsync(args);
