"""Clean one document: blocks, labels, rules, spans, metadata, segments (pure, no I/O)."""
