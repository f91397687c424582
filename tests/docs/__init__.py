"""The README says what the code does."""
