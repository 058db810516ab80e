"""The reading screen and its parts, one module per job."""
