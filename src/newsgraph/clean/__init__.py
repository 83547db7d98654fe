"""Clean: strip page chrome and repeats, keep every body paragraph, lift metadata into fields."""
