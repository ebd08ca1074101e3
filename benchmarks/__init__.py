"""Benchmarks of `visits check` and the app at scale (not part of the test run).

`python -m benchmarks.generate` writes realistic schedule files; `python -m benchmarks.run`
measures them against the targets of the "speed at scale" issue.
"""
