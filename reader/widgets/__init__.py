"""Widgets of the reader: they draw and post Messages; screens act on the library."""
