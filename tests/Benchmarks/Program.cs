using BenchmarkDotNet.Running;

// Runs the suites chosen with --filter; each hot path has its own *Benchmarks.cs file here.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
