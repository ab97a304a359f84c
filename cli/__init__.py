"""The command line of Sanban, for administrators, scripts and tests. Imports no Qt."""
