"""Find inputs, read containers and HTML, decode and repair: bytes in, `Source` out."""
