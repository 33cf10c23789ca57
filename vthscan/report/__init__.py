"""The PDF gap report: `data` words everything, `charts` draws, `pdf` lays out. Imports domain only."""
