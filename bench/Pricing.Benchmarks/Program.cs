using BenchmarkDotNet.Running;
using Pricing.Benchmarks;

// dotnet run -c Release --project bench/Pricing.Benchmarks -- state-size      bytes of grain state
// dotnet run -c Release --project bench/Pricing.Benchmarks -- --filter '*'    BenchmarkDotNet hot paths
if (args is ["state-size"])
    StateSize.Print();
else
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
