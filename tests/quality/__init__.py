"""Quality checks of the book's French: spelling, grammar, typography and dated facts."""
