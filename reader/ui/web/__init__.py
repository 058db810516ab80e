"""The reader in a web browser: textual-serve runs ``reader`` for each page that opens.

Only imported by ``reader serve``, and only where textual-serve is installed (the
``serve`` extra: ``pip install 'rodape[serve]'``).
"""
