"""`kalypso-lint server`: the Language Server Protocol front end (issue 18).

Like the reporters it only presents what the pipeline decided: `workspace.py` runs the same
checker `check` uses on an editor's buffer, and the other modules turn its findings and
verdicts into LSP values (positions, diagnostics, hover text, code actions). `app.py` alone
knows pygls; it is imported only when the server starts, so `--help` stays light.
"""
