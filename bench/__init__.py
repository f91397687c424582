"""The benchmarks of `make bench`: measure.py writes results.json, report.py renders RESULTS.md."""
