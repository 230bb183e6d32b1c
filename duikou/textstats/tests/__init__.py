"""Tests of the quantity extractor (plain pytest, no database)."""
