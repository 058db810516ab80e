"""The peers Rodapé is measured against, each a script run in its own interpreter.

Each imports only Textual (and the standard library), so it pays for nothing else; each
quits on ``q``, as the reader does, so quitting is timed alike.
"""
