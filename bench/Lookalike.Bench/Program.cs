Console.WriteLine("Lookalike benchmarks: see bench/README.md");
