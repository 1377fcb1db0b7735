using BenchmarkDotNet.Running;
using Pricing.Benchmarks;

// dotnet run -c Release --project bench/Pricing.Benchmarks -- state-size      bytes of grain state
// dotnet run -c Release --project bench/Pricing.Benchmarks -- --filter '*'    BenchmarkDotNet hot paths
// dotnet run -c Release --project bench/Pricing.Benchmarks -- database-rates sqlite 10000 60
// dotnet run -c Release --project bench/Pricing.Benchmarks -- database-rates mysql 10000 60 "Server=127.0.0.1;Port=3306;User=root;Password=;"
if (args is ["state-size"])
    StateSize.Print();
else if (args is ["database-rates", var kind, var skus, var days, ..])
    await DatabaseRates.RunAsync(kind, int.Parse(skus), int.Parse(days), args.Length > 4 ? args[4] : null);
else
    BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
