"""One module per output format; ``interface`` chooses among them."""
