"""Rodapé's benchmark: ``python -m bench`` (see bench/README.md).

Every app runs in a pseudo-terminal as a person's terminal would run it, and is judged
by what the terminal receives. Modules, one job each: :mod:`bench.book` writes the
generated book, :mod:`bench.inputs` everything else the runs read, :mod:`bench.apps` are
the peers, :mod:`bench.contenders` says how each is started and what is done with it,
:mod:`bench.terminal` and :mod:`bench.screen` are the terminal, :mod:`bench.cases` runs
one contender once, :mod:`bench.commands` times the non-interactive commands,
:mod:`bench.stats` and :mod:`bench.report` make the tables.
"""
