"""Data and rules of Sanban. Imports no Qt: the window, the CLI and the tests all go through here."""
