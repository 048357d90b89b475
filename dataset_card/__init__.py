"""The dataset card: a template and the renderer that fills it from a build's statistics."""
