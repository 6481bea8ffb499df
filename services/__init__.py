"""The five pipeline stages, one package each."""
