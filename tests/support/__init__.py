"""Test support: fixtures, mocks, harnesses and drivers shared by the test suites and bench."""
