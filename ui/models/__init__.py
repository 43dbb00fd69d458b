"""Qt models fed with plain rows from ``app.usecases``."""
