"""Plain renderings for the terminal, one module per area of commands: what each
command prints, as text, JSON or CSV."""
