"""Writing Word, Excel and PDF files. Imports models only."""
